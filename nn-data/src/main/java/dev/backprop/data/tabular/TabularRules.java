package dev.backprop.data.tabular;

import dev.backprop.data.DataFormatException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules by which a table's preprocessing is decided, written once for every place that fits
 * one ({@link Preprocessor#fit} on one machine, nn-spark's {@code SparkPreprocessing} on a
 * cluster): which column is the label, whether the task is a classification or a regression and
 * why, the classes a classification needs, and how a numeric feature is centred and scaled. Each
 * caller computes the column statistics its own way; the decisions and their messages are these.
 */
public final class TabularRules {

    private static final Logger LOG = LoggerFactory.getLogger(TabularRules.class);

    /** A numeric label with more distinct whole values than this is taken for a regression target. */
    public static final int MAX_GUESSED_CLASSES = 20;

    private TabularRules() {}

    /**
     * The task and why it was chosen.
     *
     * @param task classification or regression
     * @param reason why, for the log and the summary
     */
    public record TaskChoice(Task task, String reason) {}

    /**
     * Which column holds the label: the one asked for (ignoring case when that names one column
     * only), else the first named as {@link TabularOptions#USUAL_LABELS} says (ignoring case),
     * else the last; the choice is logged.
     *
     * @param columns the table's columns
     * @param asked the column asked for, or null
     * @param source the table's name, for messages
     * @return the label column's name
     * @throws DataFormatException if the column asked for is not there
     */
    public static String labelColumn(List<String> columns, String asked, String source) {
        if (asked != null) {
            if (columns.contains(asked)) {
                return asked;
            }
            List<String> alike = columns.stream().filter(column -> column.equalsIgnoreCase(asked)).toList();
            if (alike.size() == 1) {
                return alike.get(0);
            }
            throw new DataFormatException(source + ": no label column '" + asked + "'; the columns are " + columns);
        }
        for (String usual : TabularOptions.USUAL_LABELS) {
            for (String column : columns) {
                if (column.equalsIgnoreCase(usual)) {
                    LOG.info("{}: the label is column '{}' (--label-column chooses another)", source, column);
                    return column;
                }
            }
        }
        String last = columns.get(columns.size() - 1);
        LOG.info("{}: no column is named {}; the label is the last column, '{}' (--label-column chooses another)",
                source, TabularOptions.USUAL_LABELS, last);
        return last;
    }

    /**
     * The task of a label column: the one asked for; for {@link Task#AUTO}, text or at most
     * {@value #MAX_GUESSED_CLASSES} distinct whole numbers are a classification, other numbers a
     * regression.
     *
     * @param asked the task asked for, or {@link Task#AUTO}
     * @param label the label column's name, for the reason
     * @param numbers whether every label is a number
     * @param whole whether every label is a whole number
     * @param distinct the number of distinct labels
     * @return the task and its reason
     */
    public static TaskChoice task(Task asked, String label, boolean numbers, boolean whole, long distinct) {
        if (asked != Task.AUTO) {
            return new TaskChoice(asked, "asked for");
        }
        if (!numbers) {
            return new TaskChoice(Task.CLASSIFICATION, "the label column '" + label + "' holds text");
        }
        if (whole && distinct <= MAX_GUESSED_CLASSES) {
            return new TaskChoice(Task.CLASSIFICATION, "the label column '" + label + "' holds " + distinct
                    + " distinct whole numbers");
        }
        return new TaskChoice(Task.REGRESSION, "the label column '" + label + "' holds " + (whole ? distinct
                + " distinct whole numbers" : "numbers that are not whole")
                + "; --task classification says otherwise");
    }

    /**
     * @param source the table's name, for the message
     * @param label the label column
     * @param classes the classes found
     * @throws DataFormatException if there are fewer than two
     */
    public static void requireClasses(String source, String label, List<String> classes) {
        if (classes.size() < 2) {
            throw new DataFormatException(source + ": every label in column '" + label + "' is "
                    + (classes.isEmpty() ? "missing" : classes.get(0)) + "; a classification needs at least two classes");
        }
    }

    /**
     * A numeric feature as {@code scaling} fits it from the column's statistics: standardised by
     * mean and population deviation (as scikit-learn's {@code StandardScaler}), to [0, 1] by
     * minimum and range, or left as it is. A constant column is divided by 1, never by 0.
     *
     * @param name the column's name
     * @param scaling how to scale
     * @param mean the mean of the present cells
     * @param deviation their population standard deviation
     * @param min their minimum
     * @param max their maximum
     * @param fill the value of a missing cell, or NaN when missing cells are errors
     * @return the fitted feature
     */
    public static Feature numericFeature(String name, Scaling scaling, double mean, double deviation, double min,
            double max, double fill) {
        return numericFeature(name, scaling, mean, deviation, min, max, fill, false);
    }

    /**
     * {@link #numericFeature(String, Scaling, double, double, double, double, double)}, with a
     * missing indicator when {@code indicator} says so ({@link #indicates}).
     *
     * @param name the column's name
     * @param scaling how to scale
     * @param mean the mean of the present cells
     * @param deviation their population standard deviation
     * @param min their minimum
     * @param max their maximum
     * @param fill the value of a missing cell, or NaN when missing cells are errors
     * @param indicator whether the feature gets a second input, 1 where the cell was missing
     * @return the fitted feature
     */
    public static Feature numericFeature(String name, Scaling scaling, double mean, double deviation, double min,
            double max, double fill, boolean indicator) {
        return switch (scaling) {
            case STANDARD -> new Feature(name, true, mean, nonZero(deviation), fill, List.of(), indicator);
            case MINMAX -> new Feature(name, true, min, nonZero(max - min), fill, List.of(), indicator);
            case NONE -> new Feature(name, true, 0, 1, fill, List.of(), indicator);
            case ROBUST -> throw new IllegalArgumentException("robust scaling is fitted from quartiles: robustFeature");
        };
    }

    /**
     * A numeric feature as {@link Scaling#ROBUST} fits it: centred on the median, divided by the
     * interquartile range (by half the range where the quartiles are equal, by 1 where every value
     * is), then smoothly clipped. Quartiles interpolate linearly between order statistics, as
     * NumPy's {@code percentile} and Spark's {@code percentile} do.
     *
     * @param name the column's name
     * @param lowerQuartile the present cells' 25th percentile
     * @param median their median
     * @param upperQuartile their 75th percentile
     * @param min their minimum
     * @param max their maximum
     * @param fill the value of a missing cell, or NaN when missing cells are errors
     * @param indicator whether the feature gets a second input, 1 where the cell was missing
     * @return the fitted feature
     */
    public static Feature robustFeature(String name, double lowerQuartile, double median, double upperQuartile,
            double min, double max, double fill, boolean indicator) {
        double spread = upperQuartile - lowerQuartile > 0 ? upperQuartile - lowerQuartile : nonZero((max - min) / 2);
        return new Feature(name, true, median, spread, fill, List.of(), indicator, true);
    }

    /**
     * @param sorted numbers in ascending order, at least one
     * @param p the share, in [0, 1]
     * @return the p-quantile, interpolated linearly between the order statistics around {@code p·(n − 1)}
     */
    public static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /**
     * @param missing how missing cells are handled
     * @param missingCells the column's missing cells in the training rows
     * @return whether a numeric column gets a missing indicator: with {@link MissingValues#INDICATE},
     *     when training had missing cells in it
     */
    public static boolean indicates(MissingValues missing, long missingCells) {
        return missing == MissingValues.INDICATE && missingCells > 0;
    }

    /**
     * A categorical feature: its categories sorted; with {@link MissingValues#INDICATE} and missing
     * training cells, {@link MissingValues#MISSING_CATEGORY} after them, which missing cells
     * become; else missing cells become the most frequent category (none when they are errors).
     *
     * @param name the column's name
     * @param categories the categories of the present cells
     * @param mostFrequent the most frequent of them (the first in sorted order among equals)
     * @param missingCells the column's missing cells in the training rows
     * @param missing how missing cells are handled
     * @return the fitted feature
     */
    public static Feature categoricalFeature(String name, java.util.Collection<String> categories,
            String mostFrequent, long missingCells, MissingValues missing) {
        List<String> sorted = new java.util.ArrayList<>(new java.util.TreeSet<>(categories));
        if (indicates(missing, missingCells)) {
            if (!sorted.contains(MissingValues.MISSING_CATEGORY)) {
                sorted.add(MissingValues.MISSING_CATEGORY);
            }
            return new Feature(name, false, 0, 1, sorted.indexOf(MissingValues.MISSING_CATEGORY), sorted);
        }
        boolean filled = missingCells > 0 || missing != MissingValues.ERROR;
        return new Feature(name, false, 0, 1, filled ? sorted.indexOf(mostFrequent) : Double.NaN, sorted);
    }

    /**
     * @param deviation a regression target's population standard deviation
     * @return the scale its values are divided by: the deviation, or 1 for a constant target
     */
    public static double targetScale(double deviation) {
        return nonZero(deviation);
    }

    private static double nonZero(double spread) {
        return spread > 0 ? spread : 1;
    }
}
