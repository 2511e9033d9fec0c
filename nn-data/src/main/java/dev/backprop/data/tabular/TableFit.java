package dev.backprop.data.tabular;

import dev.backprop.data.DataFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link Preprocessor} on a table's training rows on one machine: the label and task by
 * {@link TabularRules}, each feature column from one walk over its cells ({@link ColumnCells}).
 */
final class TableFit {

    private static final Logger LOG = LoggerFactory.getLogger(Preprocessor.class);

    private TableFit() {}

    static Preprocessor fit(RawTable train, TabularOptions options) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(options, "options");
        String label = TabularRules.labelColumn(train.columns(), options.label(), train.source());
        int labelIndex = train.indexOf(label);
        if (train.columns().size() < 2) {
            throw new DataFormatException(train.source() + ": needs at least one feature column besides '" + label + "'");
        }
        for (String column : options.categorical()) {
            if (train.indexOf(column) < 0) {
                throw new DataFormatException(train.source() + ": no column named '" + column
                        + "' to treat as categorical; the columns are " + train.columns());
            }
        }
        RawTable rows = options.missing() == MissingValues.DROP_ROWS ? withoutMissing(train) : train;
        ColumnCells labels = ColumnCells.of(rows, labelIndex);
        if (labels.missing > 0) {
            throw new DataFormatException(rows.source() + ": line " + rows.line(labels.firstMissing)
                    + " has no label in column '" + label + "' (use --missing drop-rows to leave such rows out)");
        }
        double[] values = labels.numbers();
        TreeSet<Double> distinct = new TreeSet<>();
        boolean whole = labels.allNumbers;
        for (double value : values) {
            distinct.add(value);
            whole &= value == Math.rint(value);
        }
        TabularRules.TaskChoice task = TabularRules.task(options.task(), label, labels.allNumbers, whole,
                labels.allNumbers ? distinct.size() : labels.counts.size());
        List<String> classes = new ArrayList<>();
        double mean = 0;
        double scale = 1;
        if (task.task() == Task.CLASSIFICATION) {
            if (labels.allNumbers) {
                distinct.forEach(value -> classes.add(Preprocessor.className(value)));
            } else {
                classes.addAll(labels.counts.keySet());
            }
            TabularRules.requireClasses(rows.source(), label, classes);
        } else {
            if (!labels.allNumbers) {
                String text = "";
                for (int r = 0; r < rows.size() && text.isEmpty(); r++) {
                    text = Double.isNaN(Cells.number(rows.cell(r, labelIndex))) ? rows.cell(r, labelIndex) : "";
                }
                throw new DataFormatException(rows.source() + ": a regression needs numbers in column '" + label
                        + "', and it holds '" + text + "'");
            }
            mean = Arrays.stream(values).average().orElse(0);
            scale = TabularRules.targetScale(deviation(values, mean));
        }
        List<Feature> features = new ArrayList<>();
        List<String> filled = new ArrayList<>();
        for (int c = 0; c < rows.columns().size(); c++) {
            if (c != labelIndex) {
                ColumnCells cells = ColumnCells.of(rows, c);
                Feature feature = feature(rows, c, cells, options);
                features.add(feature);
                if (cells.missing > 0) {
                    filled.add(String.format(java.util.Locale.ROOT, "'%s' %d cells (%s)", feature.name(), cells.missing,
                            feature.numeric() ? "as " + (float) feature.fill()
                                    + (feature.missingIndicator() ? ", with an indicator" : "")
                                    : "as '" + feature.categories().get((int) feature.fill()) + "'"));
                }
            }
        }
        if (!filled.isEmpty()) {
            LOG.info("{}: missing cells filled ({}): {}", train.source(), options.missing(), String.join(", ", filled));
        }
        Preprocessor fitted = Preprocessor.of(label, features, task, classes, mean, scale, options);
        LOG.info("{}: {} ({}); {}", train.source(), task.task(), task.reason(), fitted.describeFeatures());
        return fitted;
    }

    private static RawTable withoutMissing(RawTable table) {
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            boolean complete = true;
            for (int c = 0; c < table.columns().size() && complete; c++) {
                complete = !Cells.isMissing(table.cell(r, c));
            }
            if (complete) {
                keep.add(r);
            }
        }
        if (keep.size() < table.size()) {
            LOG.info("{}: {} of {} rows have a missing cell and are left out", table.source(), table.size() - keep.size(),
                    table.size());
        }
        if (keep.isEmpty()) {
            throw new DataFormatException(table.source() + ": every row has a missing cell");
        }
        return table.rows(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Feature feature(RawTable rows, int c, ColumnCells cells, TabularOptions options) {
        String name = cells.name;
        if (cells.missing > 0 && options.missing() == MissingValues.ERROR) {
            throw new DataFormatException(rows.source() + ": line " + rows.line(cells.firstMissing) + ", column '"
                    + name + "' is missing ('" + rows.cell(cells.firstMissing, c) + "'); --missing indicate (the "
                    + "default), mean, median, most-frequent or drop-rows handles missing cells");
        }
        if (cells.counts.isEmpty()) {
            throw new DataFormatException(rows.source() + ": column '" + name + "' has no value in any row");
        }
        boolean numeric = cells.allNumbers && !options.categorical().contains(name);
        boolean filled = cells.missing > 0 || options.missing() != MissingValues.ERROR;
        String mostFrequent = cells.mostFrequent();
        if (!numeric) {
            return TabularRules.categoricalFeature(name, cells.counts.keySet(), mostFrequent, cells.missing,
                    options.missing());
        }
        double[] values = cells.numbers();
        double mean = Arrays.stream(values).average().orElse(0);
        // Sorted once, for the median and the quartiles alike.
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double fill = Double.NaN;
        if (filled) {
            fill = switch (options.missing()) {
                case MEDIAN, INDICATE -> median(sorted);
                case MOST_FREQUENT -> Cells.number(mostFrequent);
                default -> mean;
            };
        }
        boolean indicator = TabularRules.indicates(options.missing(), cells.missing);
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        if (options.scaling() == Scaling.ROBUST) {
            return TabularRules.robustFeature(name, TabularRules.quantile(sorted, 0.25), TabularRules.quantile(sorted, 0.5),
                    TabularRules.quantile(sorted, 0.75), min, max, fill, indicator);
        }
        return TabularRules.numericFeature(name, options.scaling(), mean, deviation(values, mean), min, max, fill,
                indicator);
    }

    /** The population standard deviation (as StandardScaler). */
    private static double deviation(double[] values, double mean) {
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / values.length);
    }

    /** @return the median of numbers in ascending order (the mean of the middle two for an even count) */
    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
