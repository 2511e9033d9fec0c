package dev.backprop.examples.cli;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.metrics.AreaUnderRoc;
import dev.backprop.core.metrics.ConfusionMatrix;
import dev.backprop.core.train.Evaluation;
import dev.backprop.core.train.Model;
import dev.backprop.data.CsvData;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.DataFormatException;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.examples.plot.Charts;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Spec;

/** {@code backprop evaluate}: a saved model's loss, accuracy, confusion matrix and per-class scores. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measures a saved model on a data set's held-out samples (Fashion-MNIST: the test set).")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    ModelFileOption modelFile = new ModelFileOption();

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    PlotOption plot = new PlotOption();

    @Override
    public Integer call() {
        output.configureLogging();
        long seed = seedOption.value(1);
        ModelFile.Contents contents = ModelFile.read(modelFile.file);
        Model model = contents.model();
        Preprocessor preprocessor = TabularModel.preprocessing(contents, modelFile.file);
        InMemoryDataset test;
        List<String> classNames;
        if (preprocessor != null) {
            // A table's model measures every row of the file it is given, through its own preprocessing.
            if (!data.kind().equals("csv")) {
                throw new UsageException(modelFile.file + " was trained on a table: give --dataset csv:PATH");
            }
            RawTable table = RawTable.read(DataOptions.csvPath(data.dataset, "--dataset"), data.csv.csv());
            if (table.indexOf(preprocessor.label()) < 0) {
                throw new DataFormatException(table.source() + " has no column '" + preprocessor.label()
                        + "', the label the model learned; evaluate measures against it (predict needs none)");
            }
            test = preprocessor.encode(table).dataset();
            classNames = preprocessor.classNames();
        } else if (data.kind().equals("csv")) {
            // A model saved without preprocessing takes the file's numbers as they are: every row.
            test = CsvData.read(DataOptions.csvPath(data.dataset, "--dataset"),
                    data.labelColumn.name == null ? "label" : data.labelColumn.name);
            classNames = List.of();
        } else {
            Problem problem = data.load(new NumpyRandom(seed), seed);
            test = problem.test() != null ? problem.test() : problem.validation().get();
            if (test == null) {
                throw new UsageException("no held-out samples to measure: give --test csv:PATH or a --validation-split");
            }
            if (test.inputs().numCols != problem.inputs()) {
                throw new UsageException("the data has " + test.inputs().numCols + " features per sample");
            }
            classNames = problem.classNames();
        }
        Evaluation evaluation = model.evaluate(test);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "samples: %d%n%s%n", evaluation.samples(),
                Figures.figures(evaluation.loss(), evaluation.metrics()));
        if (Predictions.isClassifier(model)) {
            DMatrixRMaj probabilities = Predictions.probabilities(model, test.inputs());
            ConfusionMatrix matrix = new ConfusionMatrix(Math.max(2, probabilities.numCols))
                    .add(probabilities, test.targets());
            List<String> names = classNames.size() == matrix.classes() ? classNames : Problem.indexNames(matrix.classes());
            AreaUnderRoc auc = new AreaUnderRoc();
            auc.update(probabilities, test.targets());
            try {
                out.printf(Locale.ROOT, "auc %s (one class against the rest, macro average)%n", Figures.number(auc.value()));
            } catch (IllegalStateException e) {
                out.println("auc: n/a (" + e.getMessage() + ")");
            }
            out.println();
            out.print(matrix.report(names));
            if (plot.directory != null) {
                output.say(spec, "chart: " + Charts.confusionMatrix(matrix, names,
                        plot.directory.resolve("confusion-matrix.png")));
                if (probabilities.numCols == 2) {
                    output.say(spec, "chart: " + Charts.roc(probabilities, test.targets(),
                            plot.directory.resolve("roc.png")));
                }
            }
        }
        out.flush();
        return 0;
    }
}
