package dev.backprop.data;

import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Numeric CSV files: a header row naming the columns, then one sample per line. Every column but
 * the label column is a feature. Cells must be finite numbers; a bad row is reported with its
 * file, line and reason.
 */
public final class CsvData {

    /** Rows beyond which a file is refused, so that a huge file fails before filling memory. */
    public static final int MAX_ROWS = 5_000_000;

    private CsvData() {}

    /**
     * The columns of a CSV file.
     *
     * @param header the column names
     * @param rows the values, one array per line
     */
    record Table(List<String> header, List<double[]> rows) {}

    /**
     * Reads samples with a label column.
     *
     * @param file the CSV file
     * @param labelColumn the name of the column holding the targets
     * @return the features (every other column) and targets (n × 1)
     */
    public static InMemoryDataset read(Path file, String labelColumn) {
        Table table = table(file);
        int label = table.header().indexOf(labelColumn);
        if (label < 0) {
            throw new DataFormatException(file + ": no column named '" + labelColumn + "' in the header "
                    + table.header());
        }
        if (table.header().size() < 2) {
            throw new DataFormatException(file + ": needs at least one feature column besides '" + labelColumn + "'");
        }
        int features = table.header().size() - 1;
        DMatrixRMaj x = new DMatrixRMaj(table.rows().size(), features);
        DMatrixRMaj y = new DMatrixRMaj(table.rows().size(), 1);
        for (int r = 0; r < table.rows().size(); r++) {
            double[] row = table.rows().get(r);
            for (int c = 0, f = 0; c < row.length; c++) {
                if (c == label) {
                    y.data[r] = row[c];
                } else {
                    x.data[r * features + f++] = row[c];
                }
            }
        }
        return Dataset.of(x, y);
    }

    /**
     * Reads features only, for prediction.
     *
     * @param file the CSV file
     * @param ignore a column to leave out if present (a label), or null
     * @return the features, one row per line
     */
    public static DMatrixRMaj features(Path file, String ignore) {
        Table table = table(file);
        int skip = ignore == null ? -1 : table.header().indexOf(ignore);
        int features = table.header().size() - (skip >= 0 ? 1 : 0);
        DMatrixRMaj x = new DMatrixRMaj(table.rows().size(), features);
        for (int r = 0; r < table.rows().size(); r++) {
            double[] row = table.rows().get(r);
            for (int c = 0, f = 0; c < row.length; c++) {
                if (c != skip) {
                    x.data[r * features + f++] = row[c];
                }
            }
        }
        return x;
    }

    static Table table(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = reader.readLine();
            if (headerLine == null || headerLine.isBlank()) {
                throw new DataFormatException(file + " is empty: expected a header row naming the columns");
            }
            List<String> header = Arrays.stream(headerLine.split(",", -1)).map(String::trim).toList();
            if (header.stream().anyMatch(String::isEmpty) || header.stream().distinct().count() != header.size()) {
                throw new DataFormatException(file + ", line 1: the header needs distinct, non-empty column names");
            }
            List<double[]> rows = new ArrayList<>();
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (rows.size() >= MAX_ROWS) {
                    throw new DataFormatException(file + " has more than " + MAX_ROWS + " rows; split it or stream it");
                }
                String[] cells = line.split(",", -1);
                if (cells.length != header.size()) {
                    throw new DataFormatException(file + ", line " + lineNumber + ": " + cells.length + " cells, the header has "
                            + header.size());
                }
                double[] values = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    values[c] = number(cells[c].trim(), file, lineNumber, header.get(c));
                }
                rows.add(values);
            }
            if (rows.isEmpty()) {
                throw new DataFormatException(file + " has a header but no rows");
            }
            return new Table(header, rows);
        } catch (NoSuchFileException e) {
            throw new DataFormatException("No file " + file, e);
        } catch (IOException e) {
            throw new DataFormatException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static double number(String cell, Path file, int line, String column) {
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file + ", line " + line + ", column '" + column + "': '" + cell
                    + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new DataFormatException(file + ", line " + line + ", column '" + column + "': " + cell
                    + " is not a finite number");
        }
        return value;
    }
}
