package dev.backprop.data.tabular;

import dev.backprop.core.NumpyRandom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Generated tables of real shape: features from 1e-3 to 1e4 in magnitude, a text category, missing
 * cells, a text label that depends on them (imbalanced: about 70/20/10), and a regression target.
 */
final class MixedTable {

    private MixedTable() {}

    /**
     * @param rows the rows
     * @param seed the seed
     * @param missingEvery every how many rows a cell is left empty; 0 for none
     * @return the CSV text: tiny, small, huge, colour, label, score
     */
    static String csv(int rows, long seed, int missingEvery) {
        NumpyRandom random = new NumpyRandom(seed);
        String[] colours = {"red", "green", "blue"};
        StringBuilder text = new StringBuilder("tiny,small,huge,colour,label,score\n");
        for (int r = 0; r < rows; r++) {
            double tiny = random.uniform(0, 0.005);           // 1e-3
            double small = random.uniform(0.1, 5);            // 1e0
            double huge = random.uniform(300, 12_000);        // 1e4
            String colour = colours[(int) (random.uniform(0, 1) * 3)];
            double signal = (tiny - 0.0025) / 0.0015 + (small - 2.55) / 1.4 + (huge - 6150) / 3400
                    + (colour.equals("red") ? 1.2 : colour.equals("blue") ? -1.2 : 0);
            String label = signal > 0.9 ? "setosa" : signal > 0.1 ? "versicolor" : "virginica";
            double score = 50 + 20 * signal + 5 * random.nextGaussian();
            String tinyCell = missingEvery > 0 && r % missingEvery == 3 ? "" : String.format(Locale.ROOT, "%.6f", tiny);
            String colourCell = missingEvery > 0 && r % missingEvery == 5 ? "NA" : colour;
            text.append(tinyCell).append(',').append(String.format(Locale.ROOT, "%.4f", small)).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", huge)).append(',').append(colourCell).append(',')
                    .append(label).append(',').append(String.format(Locale.ROOT, "%.3f", score)).append('\n');
        }
        return text.toString();
    }

    static Path write(Path folder, String name, String csv) throws IOException {
        return Files.writeString(folder.resolve(name), csv, StandardCharsets.UTF_8);
    }

    /** @return the table without one of its columns */
    static RawTable without(RawTable table, String column) {
        int drop = table.indexOf(column);
        java.util.List<String> columns = new java.util.ArrayList<>(table.columns());
        columns.remove(drop);
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            String[] row = new String[columns.size()];
            for (int c = 0, k = 0; c < table.columns().size(); c++) {
                if (c != drop) {
                    row[k++] = table.cell(r, c);
                }
            }
            rows.add(row);
        }
        return new RawTable(table.source(), columns, rows);
    }
}
