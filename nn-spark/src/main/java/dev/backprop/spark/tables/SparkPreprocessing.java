package dev.backprop.spark.tables;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.backprop.data.DataFormatException;
import dev.backprop.data.tabular.Feature;
import dev.backprop.data.tabular.MissingValues;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.Scaling;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.data.tabular.TabularRules;
import dev.backprop.data.tabular.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/**
 * Fits a table's {@link Preprocessor} on a Spark {@code DataFrame} with Spark's own aggregations
 * (means, deviations, minima and maxima, medians, distinct categories and classes), on the cluster
 * where the data is, as {@link Preprocessor#fit} does on one machine's rows: the same label rule,
 * task rule, scaling, categories, class names and missing-cell handling, so that a model trained on
 * Spark predicts raw rows on one machine and the other way round.
 *
 * <p>A cell is missing when it is null, NaN, or text that is one of {@link MissingValues#MARKS}
 * (ignoring case and surrounding blanks). A column of Spark's numeric types holds numbers; a text
 * column holds numbers when every cell that is not missing reads as one, categories otherwise (or
 * when {@link TabularOptions#categorical()} names it). A vector column (Spark ML's vectors, as
 * MLlib's {@code VectorAssembler} writes, or arrays of numbers) is one numeric column per element,
 * named {@code name[0]}, {@code name[1]}, …. With {@link MissingValues#DROP_ROWS}, rows with a
 * missing cell are left out first.
 */
public final class SparkPreprocessing {

    private SparkPreprocessing() {}

    /** How messages name the table. */
    private static final String SOURCE = "the Spark table";

    /**
     * @param dataFrame the training rows, label included
     * @param options the label column, types, missing cells, scaling, task
     * @return the fitted preprocessing
     * @throws DataFormatException as {@link Preprocessor#fit} for the same data
     */
    public static Preprocessor fit(Dataset<Row> dataFrame, TabularOptions options) {
        Dataset<Row> table = VectorColumns.of(dataFrame).expand(dataFrame);
        List<String> columns = List.of(table.columns());
        String label = TabularRules.labelColumn(columns, options.label(), SOURCE);
        if (columns.size() < 2) {
            throw new DataFormatException(SOURCE + ": needs at least one feature column besides '" + label + "'");
        }
        for (String column : options.categorical()) {
            if (!columns.contains(column)) {
                throw new DataFormatException(SOURCE + ": no column named '" + column
                        + "' to treat as categorical; the columns are " + columns);
            }
        }
        Dataset<Row> rows = table;
        if (options.missing() == MissingValues.DROP_ROWS) {
            Column complete = lit(true);
            for (String column : columns) {
                complete = complete.and(present(table, column));
            }
            rows = table.filter(complete);
        } else {
            long unlabelled = table.filter(present(table, label).unary_$bang()).count();
            if (unlabelled > 0) {
                throw new DataFormatException(SOURCE + ": " + unlabelled + " rows have no label in column '" + label
                        + "' (use --missing drop-rows to leave such rows out)");
            }
        }
        boolean numericLabel = numeric(rows, label);
        long distinct = 0;
        boolean whole = false;
        if (numericLabel) {
            Column value = number(rows, label);
            Row facts = rows.agg(sum(when(value.notEqual(org.apache.spark.sql.functions.floor(value)), 1).otherwise(0)))
                    .first();
            whole = facts.isNullAt(0) || facts.getLong(0) == 0;
            distinct = rows.select(value).distinct().count();
        }
        TabularRules.TaskChoice task = TabularRules.task(options.task(), label, numericLabel, whole, distinct);
        List<String> classes = new ArrayList<>();
        double targetMean = 0;
        double targetScale = 1;
        if (task.task() == Task.CLASSIFICATION) {
            if (numericLabel) {
                rows.select(number(rows, label)).distinct().collectAsList().stream().map(row -> row.getDouble(0))
                        .sorted().forEach(value -> classes.add(Preprocessor.className(value)));
            } else {
                rows.select(text(label)).distinct().collectAsList().stream().map(row -> row.getString(0))
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).forEach(classes::add);
            }
            TabularRules.requireClasses(SOURCE, label, classes);
        } else {
            if (!numericLabel) {
                throw new DataFormatException(SOURCE + ": a regression needs numbers in column '" + label + "'");
            }
            Row facts = rows.agg(avg(number(rows, label)), stddev_pop(number(rows, label))).first();
            targetMean = facts.getDouble(0);
            targetScale = TabularRules.targetScale(facts.getDouble(1));
        }
        List<String> names = columns.stream().filter(column -> !column.equals(label)).toList();
        boolean quartiles = options.scaling() == Scaling.ROBUST;
        boolean medians = quartiles || options.missing() == MissingValues.MEDIAN
                || options.missing() == MissingValues.INDICATE;
        Row facts = rows.agg(facts(rows, names.get(0), medians, quartiles),
                facts(rows, names.subList(1, names.size()), medians, quartiles)).first();
        List<Feature> features = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            features.add(feature(rows, names.get(c), facts.getStruct(c), options));
        }
        return Preprocessor.of(label, features, task, classes, targetMean, targetScale, options);
    }

    /**
     * A column's facts, gathered for every column in one pass over the rows: its missing cells, its
     * present cells, the present cells that are not numbers, and the numbers' mean, population
     * deviation, minimum and maximum, and (when missing cells take the median, or for robust
     * scaling) their exact median, and (robust scaling) their exact quartiles.
     */
    private static Column facts(Dataset<Row> rows, String name, boolean median, boolean quartiles) {
        Column present = present(rows, name);
        Column number = when(present, asDouble(name));
        Column none = lit(null).cast(DataTypes.DoubleType);
        return org.apache.spark.sql.functions.struct(sum(when(present, 0).otherwise(1)),
                sum(when(present, 1).otherwise(0)), sum(when(present.and(asDouble(name).isNull()), 1).otherwise(0)),
                avg(number), stddev_pop(number), min(number), max(number),
                median ? percentile(number, lit(0.5)) : none,
                quartiles ? percentile(number, lit(0.25)) : none, quartiles ? percentile(number, lit(0.75)) : none);
    }

    private static Column[] facts(Dataset<Row> rows, List<String> names, boolean median, boolean quartiles) {
        return names.stream().map(name -> facts(rows, name, median, quartiles)).toArray(Column[]::new);
    }

    /** A feature column from its facts ({@link #facts}), with one more job for categories and some fills. */
    private static Feature feature(Dataset<Row> rows, String name, Row facts, TabularOptions options) {
        long missing = facts.isNullAt(0) ? 0 : facts.getLong(0);
        long presentCells = facts.isNullAt(1) ? 0 : facts.getLong(1);
        long notNumbers = facts.isNullAt(2) ? 0 : facts.getLong(2);
        boolean numeric = !options.categorical().contains(name)
                && (rows.schema().apply(name).dataType() instanceof NumericType || presentCells > 0 && notNumbers == 0);
        if (missing > 0 && options.missing() == MissingValues.ERROR) {
            throw new DataFormatException(SOURCE + ": column '" + name + "' has " + missing + " missing cells; --missing "
                    + "indicate (the default), mean, median, most-frequent or drop-rows handles missing cells");
        }
        if (presentCells == 0) {
            throw new DataFormatException(SOURCE + ": column '" + name + "' has no value in any row");
        }
        boolean filled = missing > 0 || options.missing() != MissingValues.ERROR;
        Dataset<Row> present = rows.filter(present(rows, name));
        if (!numeric) {
            // Categories sorted; the most frequent one fills, the first in sorted order among equals.
            TreeMap<String, Long> counts = new TreeMap<>();
            for (Row row : present.groupBy(text(name)).agg(count(lit(1))).collectAsList()) {
                counts.put(row.getString(0), row.getLong(1));
            }
            String mostFrequent = counts.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                    .orElseThrow().getKey();
            return TabularRules.categoricalFeature(name, counts.keySet(), mostFrequent, missing, options.missing());
        }
        Column value = number(rows, name);
        double mean = facts.getDouble(3);
        double fill = Double.NaN;
        if (filled) {
            fill = switch (options.missing()) {
                case MEDIAN, INDICATE -> facts.getDouble(7);
                case MOST_FREQUENT -> present.groupBy(value).agg(count(lit(1)).as("n"))
                        .orderBy(col("n").desc(), column(name).asc()).first().getDouble(0);
                default -> mean;
            };
        }
        boolean indicator = TabularRules.indicates(options.missing(), missing);
        if (options.scaling() == Scaling.ROBUST) {
            return TabularRules.robustFeature(name, facts.getDouble(8), facts.getDouble(7), facts.getDouble(9),
                    facts.getDouble(5), facts.getDouble(6), fill, indicator);
        }
        return TabularRules.numericFeature(name, options.scaling(), mean, facts.getDouble(4), facts.getDouble(5),
                facts.getDouble(6), fill, indicator);
    }

    /** Whether the column holds numbers: a numeric type, or text whose present cells all read as numbers. */
    private static boolean numeric(Dataset<Row> rows, String name) {
        if (rows.schema().apply(name).dataType() instanceof NumericType) {
            return true;
        }
        Dataset<Row> present = rows.filter(present(rows, name));
        return !present.isEmpty() && present.filter(asDouble(name).isNull()).isEmpty();
    }

    /** A column's cells as doubles. */
    static Column number(Dataset<Row> rows, String name) {
        return asDouble(name).as(name);
    }

    /** A cell as a double, or null if it does not read as one (try_cast: ANSI casts fail on text). */
    private static Column asDouble(String name) {
        return org.apache.spark.sql.functions.expr("try_cast(trim(cast(" + quoted(name) + " as string)) as double)");
    }

    /**
     * A column by its exact name: quoted, so that a dot ({@code Sc.Var.Maxis}, common in R's
     * files) is part of the name rather than a field of a struct.
     */
    static Column column(String name) {
        return col(quoted(name));
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A column's cells as text without surrounding blanks, as the CSV reader gives categories. */
    private static Column text(String name) {
        return trim(column(name).cast(DataTypes.StringType)).as(name);
    }

    /** Whether a row's cell is present: not null, not NaN, not a missing mark. */
    static Column present(Dataset<Row> rows, String name) {
        Column cell = column(name);
        if (rows.schema().apply(name).dataType() instanceof NumericType) {
            return cell.isNotNull().and(org.apache.spark.sql.functions.isnan(asDouble(name)).unary_$bang());
        }
        return cell.isNotNull().and(lower(trim(cell.cast(DataTypes.StringType))).isin(MissingValues.MARKS.toArray())
                .unary_$bang());
    }
}
