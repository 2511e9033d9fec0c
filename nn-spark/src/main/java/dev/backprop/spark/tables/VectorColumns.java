package dev.backprop.spark.tables;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * A table's vector columns (Spark ML's {@code VectorUDT}, as MLlib's feature assemblers write, or
 * arrays of numbers) seen as one numeric column per element, named {@code name[0]}, {@code name[1]},
 * …: so that the preprocessing scales each element as a number column. The width of a vector column
 * is its first row's; a row whose vector has another width is refused.
 */
final class VectorColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> names;
    private final int[] widths;
    private final List<String> expanded;

    private VectorColumns(List<String> names, int[] widths) {
        this.names = List.copyOf(names);
        this.widths = widths;
        List<String> all = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            if (widths[c] == 0) {
                all.add(names.get(c));
            } else {
                for (int i = 0; i < widths[c]; i++) {
                    all.add(names.get(c) + "[" + i + "]");
                }
            }
        }
        this.expanded = List.copyOf(all);
    }

    /** @return the table's columns, with the width of each vector column read from its first row */
    static VectorColumns of(Dataset<Row> table) {
        StructField[] fields = table.schema().fields();
        int[] widths = new int[fields.length];
        boolean any = false;
        for (int c = 0; c < fields.length; c++) {
            any |= isVector(fields[c]);
        }
        if (any) {
            Row first = table.first();
            for (int c = 0; c < fields.length; c++) {
                if (isVector(fields[c])) {
                    widths[c] = Math.max(1, values(first.get(c), fields[c].name()).length);
                }
            }
        }
        return new VectorColumns(List.of(table.columns()), widths);
    }

    private static boolean isVector(StructField field) {
        return field.dataType() instanceof ArrayType array && array.elementType() instanceof NumericType
                || field.dataType() instanceof UserDefinedType<?> udt && udt.sqlType() instanceof StructType
                        && field.dataType().typeName().equals("vector");
    }

    /** @return whether the table has a vector column */
    boolean any() {
        return java.util.Arrays.stream(widths).anyMatch(w -> w > 0);
    }

    /** @return the columns with each vector column replaced by its elements */
    List<String> expandedNames() {
        return expanded;
    }

    /** @return a row's cells, each vector element a cell, as the text a CSV file would hold */
    String[] cells(Row row) {
        String[] plain = TableSamples.cells(row);
        if (!any()) {
            return plain;
        }
        String[] cells = new String[expanded.size()];
        int k = 0;
        for (int c = 0; c < widths.length; c++) {
            if (widths[c] == 0) {
                cells[k++] = plain[c];
                continue;
            }
            Object value = row.get(c);
            if (value == null) {
                for (int i = 0; i < widths[c]; i++) {
                    cells[k++] = "";
                }
                continue;
            }
            double[] values = values(value, names.get(c));
            if (values.length != widths[c]) {
                throw new IllegalArgumentException("column '" + names.get(c) + "' holds vectors of " + widths[c]
                        + " and of " + values.length + " elements");
            }
            for (double element : values) {
                cells[k++] = Double.isNaN(element) ? "" : Double.toString(element);
            }
        }
        return cells;
    }

    /** The table with its vector columns expanded into double columns (itself if it has none). */
    Dataset<Row> expand(Dataset<Row> table) {
        if (!any()) {
            return table;
        }
        StructType schema = new StructType();
        StructField[] fields = table.schema().fields();
        for (int c = 0, k = 0; c < fields.length; c++) {
            if (widths[c] == 0) {
                schema = schema.add(fields[c]);
                k++;
            } else {
                for (int i = 0; i < widths[c]; i++) {
                    schema = schema.add(expanded.get(k++), DataTypes.DoubleType, true);
                }
            }
        }
        VectorColumns self = this;
        return table.sparkSession().createDataFrame(table.javaRDD().map(row -> self.expandRow(row)), schema);
    }

    private Row expandRow(Row row) {
        List<Object> values = new ArrayList<>(expanded.size());
        for (int c = 0; c < widths.length; c++) {
            Object value = row.get(c);
            if (widths[c] == 0) {
                values.add(value);
            } else if (value == null) {
                for (int i = 0; i < widths[c]; i++) {
                    values.add(null);
                }
            } else {
                for (double element : values(value, names.get(c))) {
                    values.add(element);
                }
            }
        }
        return RowFactory.create(values.toArray());
    }

    /** A vector cell's elements: an ML vector (by its {@code toArray}, without depending on MLlib) or an array. */
    private static double[] values(Object value, String column) {
        if (value instanceof scala.collection.Seq<?> seq) {
            double[] values = new double[seq.size()];
            for (int i = 0; i < values.length; i++) {
                Object element = seq.apply(i);
                values[i] = element == null ? Double.NaN : ((Number) element).doubleValue();
            }
            return values;
        }
        if (value instanceof List<?> list) {
            return list.stream().mapToDouble(e -> e == null ? Double.NaN : ((Number) e).doubleValue()).toArray();
        }
        try {
            Method toArray = value.getClass().getMethod("toArray");
            return (double[]) toArray.invoke(value);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("column '" + column + "' holds " + value.getClass().getName()
                    + ", not a vector of numbers", e);
        }
    }
}
