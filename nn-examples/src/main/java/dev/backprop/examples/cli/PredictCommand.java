package dev.backprop.examples.cli;

import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.Model;
import dev.backprop.data.CsvData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backprop predict}: a saved model's predictions for the rows of a CSV file, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts the rows of a CSV file (a header, then numeric feature columns).",
            "Classifiers write the class and each class's probability; regressions their outputs."})
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

    @Override
    public Integer call() throws IOException {
        output.configureLogging();
        Model model = ModelFile.load(modelFile.file);
        DMatrixRMaj features = CsvData.features(input, labelColumn.name);
        DMatrixRMaj predictions = Predictions.probabilities(model, features);
        boolean classifier = Predictions.isClassifier(model);
        if (outputFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            write(predictions, classifier, out);
            out.flush();
        } else {
            try (Writer out = Files.newBufferedWriter(outputFile, StandardCharsets.UTF_8)) {
                write(predictions, classifier, out);
            }
            output.say(spec, "wrote " + predictions.numRows + " predictions to " + outputFile);
        }
        return 0;
    }

    private static void write(DMatrixRMaj predictions, boolean classifier, Writer out) {
        try {
            StringBuilder header = new StringBuilder(classifier ? "class" : "");
            for (int j = 0; j < predictions.numCols; j++) {
                header.append(header.length() > 0 ? "," : "").append(classifier ? "p" + j : "y" + j);
            }
            out.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder();
            for (int row = 0; row < predictions.numRows; row++) {
                line.setLength(0);
                if (classifier) {
                    int best = 0;
                    for (int j = 1; j < predictions.numCols; j++) {
                        if (predictions.get(row, j) > predictions.get(row, best)) {
                            best = j;
                        }
                    }
                    line.append(best);
                }
                for (int j = 0; j < predictions.numCols; j++) {
                    line.append(line.length() > 0 ? "," : "").append(String.format(Locale.ROOT, "%.6g", predictions.get(row, j)));
                }
                out.write(line.append('\n').toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
