package dev.backprop.examples.cli;

import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.Model;
import dev.backprop.data.CsvData;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backprop predict}: a saved model's predictions for the rows of a CSV file, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts the rows of a CSV file with the preprocessing saved in the model; a label column is left out.",
            "Classifiers write the class name and each class's probability; regressions the value in the target's units."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    ModelFileOption modelFile = new ModelFileOption();

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The CSV file of samples")
    Path input;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the CSV (default: standard output)")
    Path outputFile;

    @Mixin
    LabelColumnOption labelColumn = new LabelColumnOption();

    @Mixin
    CsvFormatOptions format = new CsvFormatOptions();

    @Override
    public Integer call() {
        output.configureLogging();
        OutputFiles.check(outputFile, "--output");
        ModelFile.Contents contents = ModelFile.read(modelFile.file);
        Preprocessor preprocessor = TabularModel.preprocessing(contents, modelFile.file);
        List<List<String>> lines;
        if (preprocessor != null) {
            TabularModel model = new TabularModel(preprocessor, contents.model());
            lines = PredictionTable.lines(model.predict(RawTable.read(input, format.csv())), preprocessor.label());
        } else {
            Model model = contents.model();
            DMatrixRMaj features = CsvData.features(input, labelColumn.name == null ? "label" : labelColumn.name);
            lines = PredictionTable.lines(Predictions.probabilities(model, features), Predictions.isClassifier(model));
        }
        if (outputFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            PredictionTable.write(lines.iterator(), out);
            out.flush();
        } else {
            PredictionTable.write(outputFile, lines.get(0), lines.subList(1, lines.size()).iterator());
            output.say(spec, "wrote " + (lines.size() - 1) + " predictions to " + outputFile);
        }
        return 0;
    }
}
