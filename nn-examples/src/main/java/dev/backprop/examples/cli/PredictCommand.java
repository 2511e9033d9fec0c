package dev.backprop.examples.cli;

import dev.backprop.core.io.AtomicFile;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.Model;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.backprop.data.CsvData;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    public Integer call() throws IOException {
        output.configureLogging();
        ModelFile.Contents contents = ModelFile.read(modelFile.file);
        Preprocessor preprocessor = TabularModel.preprocessing(contents, modelFile.file);
        List<List<String>> lines;
        if (preprocessor != null) {
            TabularModel model = new TabularModel(preprocessor, contents.model());
            lines = lines(model.predict(RawTable.read(input, format.csv())), preprocessor.label());
        } else {
            Model model = contents.model();
            DMatrixRMaj features = CsvData.features(input, labelColumn.name == null ? "label" : labelColumn.name);
            lines = lines(Predictions.probabilities(model, features), Predictions.isClassifier(model));
        }
        if (outputFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            write(lines, out);
            out.flush();
        } else {
            // A temporary file, then a rename: a failure never leaves half a file where the output goes.
            AtomicFile.write(outputFile, stream -> {
                Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                write(lines, out);
                out.flush();
            });
            output.say(spec, "wrote " + (lines.size() - 1) + " predictions to " + outputFile);
        }
        return 0;
    }

    /** The header names the label column and, per class, {@code p_<class>}; rows follow. */
    private static List<List<String>> lines(TabularModel.Predictions predictions, String label) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(label));
        predictions.classes().forEach(name -> header.add("p_" + name));
        lines.add(header);
        for (int r = 0; r < predictions.rows().length; r++) {
            List<String> line = new ArrayList<>();
            if (predictions.values() != null) {
                line.add(number(predictions.values().data[r]));
            } else {
                line.add(predictions.predictedClass(r));
                for (int j = 0; j < predictions.probabilities().numCols; j++) {
                    line.add(number(predictions.probabilities().get(r, j)));
                }
            }
            lines.add(line);
        }
        return lines;
    }

    /** A model saved without preprocessing: class indices and {@code p0, p1, ...}, or {@code y0, ...}. */
    private static List<List<String>> lines(DMatrixRMaj predictions, boolean classifier) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        if (classifier) {
            header.add("class");
        }
        for (int j = 0; j < predictions.numCols; j++) {
            header.add(classifier ? "p" + j : "y" + j);
        }
        lines.add(header);
        for (int row = 0; row < predictions.numRows; row++) {
            List<String> line = new ArrayList<>();
            if (classifier) {
                int best = 0;
                for (int j = 1; j < predictions.numCols; j++) {
                    if (predictions.get(row, j) > predictions.get(row, best)) {
                        best = j;
                    }
                }
                line.add(Integer.toString(best));
            }
            for (int j = 0; j < predictions.numCols; j++) {
                line.add(number(predictions.get(row, j)));
            }
            lines.add(line);
        }
        return lines;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    private static void write(List<List<String>> lines, Writer out) {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
        lines.forEach(csv::writeRecord);
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
