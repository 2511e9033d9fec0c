package dev.backprop.data.tabular;

/**
 * How a CSV file is read.
 *
 * @param delimiter the field separator, or null to detect it from the first line among
 *     {@code ,} {@code ;} and tab
 * @param header whether the first row names the columns; without it they are named
 *     {@code column1}, {@code column2}, ...
 */
public record CsvOptions(Character delimiter, boolean header) {

    /**
     * @param delimiter the field separator, or null to detect it
     * @param header whether the first row names the columns
     * @throws IllegalArgumentException for a delimiter that cannot separate fields (a quote, a line break)
     */
    public CsvOptions {
        if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
            throw new IllegalArgumentException("A delimiter cannot be a quote or a line break");
        }
    }

    /** @return a header row and a detected delimiter: what most files have */
    public static CsvOptions defaults() {
        return new CsvOptions(null, true);
    }
}
