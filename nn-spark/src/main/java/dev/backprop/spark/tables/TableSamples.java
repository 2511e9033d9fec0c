package dev.backprop.spark.tables;

import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.spark.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ejml.data.DMatrixRMaj;

/**
 * A table's rows as training samples: each partition encodes its own rows with the fitted
 * {@link Preprocessor} (scaling, one-hot categories, class indices or standardised targets), as
 * {@link Preprocessor#encode} does on one machine. Cells become the text a CSV file would hold: null
 * and NaN are missing, numbers are written so that they read back exactly. A vector column (Spark ML's
 * vectors, or arrays of numbers) is one numeric column per element, {@code name[i]}.
 */
public final class TableSamples {

    private TableSamples() {}

    /**
     * @param table rows with the preprocessing's feature columns and its label column
     * @param preprocessor fitted on the training rows ({@link SparkPreprocessing#fit} or {@link Preprocessor#fit})
     * @return one sample per kept row (rows with missing cells are dropped if the preprocessing drops them)
     */
    public static JavaRDD<Sample> of(Dataset<Row> table, Preprocessor preprocessor) {
        Objects.requireNonNull(preprocessor, "preprocessor");
        VectorColumns vectors = VectorColumns.of(table);
        return table.javaRDD().mapPartitions(rows -> {
            RawTable part = rawTable(vectors, rows);
            if (part.size() == 0) {
                return Collections.emptyIterator();
            }
            Preprocessor.Encoded encoded = preprocessor.encode(part);
            DMatrixRMaj inputs = encoded.inputs();
            DMatrixRMaj targets = encoded.targets();
            List<Sample> samples = new ArrayList<>(inputs.numRows);
            for (int r = 0; r < inputs.numRows; r++) {
                samples.add(Sample.of(Arrays.copyOfRange(inputs.data, r * inputs.numCols, (r + 1) * inputs.numCols),
                        Arrays.copyOfRange(targets.data, r * targets.numCols, (r + 1) * targets.numCols)));
            }
            return samples.iterator();
        });
    }

    /** Rows as the cells of a table, named "Spark partition" in messages; vector columns one cell per element. */
    static RawTable rawTable(VectorColumns vectors, java.util.Iterator<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        while (rows.hasNext()) {
            cells.add(vectors.cells(rows.next()));
        }
        return new RawTable("Spark partition", vectors.expandedNames(), cells);
    }

    /** Rows of plain columns (no vectors) as the cells of a table. */
    static RawTable rawTable(List<String> columns, java.util.Iterator<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        while (rows.hasNext()) {
            cells.add(cells(rows.next()));
        }
        return new RawTable("Spark partition", columns, cells);
    }

    /** A row's cells as the text a CSV file would hold. */
    static String[] cells(Row row) {
        String[] cells = new String[row.length()];
        for (int c = 0; c < cells.length; c++) {
            Object value = row.get(c);
            cells[c] = value == null ? ""
                    : value instanceof Double d ? (d.isNaN() ? "" : Double.toString(d))
                    : value instanceof Float f ? (f.isNaN() ? "" : Double.toString(f))
                    : value instanceof java.math.BigDecimal decimal ? decimal.toPlainString()
                    : value.toString();
        }
        return cells;
    }
}
