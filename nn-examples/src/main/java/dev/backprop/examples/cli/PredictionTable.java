package dev.backprop.examples.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.backprop.core.io.AtomicFile;
import dev.backprop.data.tabular.TabularModel;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * The CSV that {@code predict} and {@code spark-predict} write: a table model's rows as the label
 * column's name then {@code p_<class>} per class, each row the predicted class and its
 * probabilities (or the value, in the target's units); numbers with six significant figures.
 */
final class PredictionTable {

    private PredictionTable() {}

    /** @return the label's name, then {@code p_<class>} for each class (none for a regression) */
    static List<String> header(String label, List<String> classes) {
        List<String> header = new ArrayList<>(List.of(label));
        classes.forEach(name -> header.add("p_" + name));
        return header;
    }

    /** @return a table model's predictions as lines, the header first */
    static List<List<String>> lines(TabularModel.Predictions predictions, String label) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(header(label, predictions.classes()));
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
    static List<List<String>> lines(DMatrixRMaj predictions, boolean classifier) {
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

    static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    /** Writes the lines as CSV. */
    static void write(Iterator<List<String>> lines, Writer out) {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
        lines.forEachRemaining(csv::writeRecord);
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the header and lines to a file through a temporary file and a rename, so that a
     * failure never leaves half a file where the output goes.
     */
    static void write(Path file, List<String> header, Iterator<List<String>> rows) {
        OutputFiles.write(file, stream -> {
            Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            write(List.of(header).iterator(), out);
            write(rows, out);
            out.flush();
        });
    }
}
