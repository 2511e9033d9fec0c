package dev.backprop.data.tabular;

import java.util.Locale;
import java.util.Set;

/**
 * What to do with an empty, {@code NA}, {@code N/A}, {@code NaN}, {@code null} or {@code ?} cell of a
 * feature column (a label is never filled in: a row without one is an error, or dropped with
 * {@link #DROP_ROWS}).
 */
public enum MissingValues {
    /**
     * The default: a numeric column with missing cells in training is filled with its median and
     * gets a second input that is 1 where the cell was missing (scikit-learn's
     * {@code SimpleImputer(strategy="median", add_indicator=True)}); a categorical column with
     * missing cells in training gets a category of its own, {@link #MISSING_CATEGORY}. A column
     * without missing cells in training fills one later with its median or most frequent category.
     */
    INDICATE,
    /** Stop with an error naming the file, line and column. */
    ERROR,
    /** A numeric column's mean over the training rows; a categorical column's most frequent category. */
    MEAN,
    /** A numeric column's median over the training rows; a categorical column's most frequent category. */
    MEDIAN,
    /** The most frequent value over the training rows. */
    MOST_FREQUENT,
    /** Leave out every row with a missing cell. */
    DROP_ROWS;

    /**
     * What public data sets write for "no value", in lower case: a cell is missing when its text,
     * without surrounding blanks and ignoring case, is one of these.
     */
    public static final Set<String> MARKS = Set.of("", "na", "n/a", "nan", "null", "?");

    /** The category a missing cell of a categorical column becomes with {@link #INDICATE}. */
    public static final String MISSING_CATEGORY = "(missing)";

    /**
     * @param name {@code indicate}, {@code error}, {@code mean}, {@code median}, {@code most-frequent} or
     *     {@code drop-rows}
     * @return the strategy
     * @throws IllegalArgumentException for another name
     */
    public static MissingValues parse(String name) {
        for (MissingValues value : values()) {
            if (value.toString().equalsIgnoreCase(name.replace('_', '-'))) {
                return value;
            }
        }
        throw new IllegalArgumentException("Unknown way to handle missing values '" + name
                + "': use indicate, error, mean, median, most-frequent or drop-rows");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
