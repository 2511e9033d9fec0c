package dev.backprop.data.tabular;

import java.util.Locale;

/** How a cell's text reads: missing, a number, or a category. */
final class Cells {

    private Cells() {}

    static boolean isMissing(String cell) {
        return MissingValues.MARKS.contains(cell.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * @param cell a cell that is not missing
     * @return its value, or NaN if it is not a finite number; {@code 1,5} reads as 1.5 (a file
     *     whose delimiter is not the comma writes decimals so)
     */
    static double number(String cell) {
        String text = cell.strip();
        if (text.isEmpty() || !looksNumeric(text)) {
            return Double.NaN;
        }
        if (text.indexOf(',') >= 0) {
            if (text.indexOf('.') >= 0 || text.indexOf(',') != text.lastIndexOf(',')) {
                return Double.NaN;
            }
            text = text.replace(',', '.');
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Digits, signs, one decimal mark and exponents only: no "Infinity", no hex, no "1d". */
    private static boolean looksNumeric(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == ',' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    /** @return the category a cell names: its text without surrounding blanks */
    static String category(String cell) {
        return cell.strip();
    }
}
