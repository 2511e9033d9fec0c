package dev.backprop.data.tabular;

import java.util.Map;
import java.util.TreeMap;

/**
 * One walk over a column's cells, shared by everything that looks at a table's columns
 * ({@link ColumnSummary}, fitting a {@link Feature}): its missing cells, the present cells'
 * categories with their counts, and its numbers.
 */
final class ColumnCells {

    final String name;
    /** The missing cells (empty, NA, N/A, NaN, null, ?). */
    int missing;
    /** The row of the first missing cell, or -1. */
    int firstMissing = -1;
    /** Whether every present cell is a number. */
    boolean allNumbers = true;
    /** The present cells as categories (without surrounding blanks), sorted, with their counts. */
    final Map<String, Integer> counts = new TreeMap<>();
    /** The present cells that are numbers, in row order. */
    final double[] numbers;
    /** How many of {@link #numbers} are filled. */
    int count;

    private ColumnCells(String name, int rows) {
        this.name = name;
        this.numbers = new double[rows];
    }

    static ColumnCells of(RawTable table, int column) {
        ColumnCells cells = new ColumnCells(table.columns().get(column), table.size());
        for (int r = 0; r < table.size(); r++) {
            String cell = table.cell(r, column);
            if (Cells.isMissing(cell)) {
                if (cells.missing++ == 0) {
                    cells.firstMissing = r;
                }
                continue;
            }
            cells.counts.merge(Cells.category(cell), 1, Integer::sum);
            double value = Cells.number(cell);
            if (Double.isNaN(value)) {
                cells.allNumbers = false;
            } else {
                cells.numbers[cells.count++] = value;
            }
        }
        return cells;
    }

    /** @return the numbers, as many as there are */
    double[] numbers() {
        return java.util.Arrays.copyOf(numbers, count);
    }

    /** @return the most frequent category; among equals, the first in sorted order (as scikit-learn's SimpleImputer) */
    String mostFrequent() {
        String best = null;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (best == null || entry.getValue() > counts.get(best)) {
                best = entry.getKey();
            }
        }
        return best;
    }
}
