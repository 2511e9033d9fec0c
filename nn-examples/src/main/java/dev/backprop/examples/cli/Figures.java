package dev.backprop.examples.cli;

import java.util.Locale;
import java.util.Map;

/** Numbers as people read them in reports: three significant figures, times in their unit. */
final class Figures {

    private Figures() {}

    /** @return 0.05, 0.001, 4.16e-4, 1.25e+03: three significant figures, short */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
            return String.format(Locale.ROOT, "%.3g", value).replace("e-0", "e-").replace("e+0", "e+");
        }
        String text = String.format(Locale.ROOT, "%.4f", value);
        return magnitude >= 100 ? String.format(Locale.ROOT, "%.1f", value) : text;
    }

    /** @return 850 µs, 8 ms, 1.2 s, 3 min 20 s */
    static String duration(double seconds) {
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.0f µs", seconds * 1e6);
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1e3);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return String.format(Locale.ROOT, "%d min %d s", (long) seconds / 60, Math.round(seconds % 60));
    }

    /** @return a rate with three significant figures and no trailing zeros: 0.001, 0.0498, 4.16e-4 */
    static String rate(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        String text = String.format(Locale.ROOT, "%.3g", value);
        if (text.contains("e")) {
            String[] parts = text.split("e");
            return stripZeros(parts[0]) + "e" + Integer.parseInt(parts[1]);
        }
        return stripZeros(text);
    }

    private static String stripZeros(String text) {
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** @return "loss 0.1234, accuracy 0.9500": the loss, then each metric */
    static String figures(double loss, Map<String, Double> metrics) {
        StringBuilder line = new StringBuilder("loss ").append(number(loss));
        metrics.forEach((name, value) -> line.append(", ").append(name).append(' ').append(number(value)));
        return line.toString();
    }
}
