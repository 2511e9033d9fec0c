package dev.backprop.data.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one column of a table holds, for people deciding how to train on it ({@code backprop
 * inspect}): its inferred type, its missing cells, and the range of its numbers or the counts of its
 * categories.
 *
 * @param name the column's name
 * @param numeric whether every cell that is not missing is a number
 * @param missing the number of missing cells (empty, NA, N/A, NaN, null, ?)
 * @param min the smallest number; NaN for text
 * @param mean the mean of the numbers; NaN for text
 * @param max the largest number; NaN for text
 * @param counts the distinct values with their counts, most frequent first (for numbers too, so a
 *     label's distribution shows)
 */
public record ColumnSummary(String name, boolean numeric, int missing, double min, double mean, double max,
        Map<String, Integer> counts) {

    /**
     * @param table a table
     * @return a summary of each of its columns, in order
     */
    public static List<ColumnSummary> of(RawTable table) {
        List<ColumnSummary> summaries = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            ColumnCells cells = ColumnCells.of(table, c);
            double[] numbers = cells.numbers();
            boolean anyNumber = cells.allNumbers && numbers.length > 0;
            summaries.add(new ColumnSummary(cells.name, anyNumber, cells.missing,
                    anyNumber ? Arrays.stream(numbers).min().orElseThrow() : Double.NaN,
                    anyNumber ? Arrays.stream(numbers).sum() / numbers.length : Double.NaN,
                    anyNumber ? Arrays.stream(numbers).max().orElseThrow() : Double.NaN, byFrequency(cells.counts)));
        }
        return summaries;
    }

    private static Map<String, Integer> byFrequency(Map<String, Integer> counts) {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    /** @return the number of distinct values */
    public int distinct() {
        return counts.size();
    }
}
