package dev.backprop.examples.cli;

import dev.backprop.data.tabular.CsvOptions;
import dev.backprop.data.tabular.MissingValues;
import dev.backprop.data.tabular.Scaling;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.data.tabular.Task;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a CSV file is read and preprocessed: its format, and what the preprocessing is told. */
final class CsvDataOptions {

    @Mixin
    CsvFormatOptions format = new CsvFormatOptions();

    @Option(names = "--categorical", split = ",", paramLabel = "COLUMN",
            description = "Columns to one-hot encode though they hold numbers (text columns always are)")
    List<String> categorical = List.of();

    @Option(names = "--missing", paramLabel = "HOW",
            description = "Missing cells (empty, NA, NaN, ?): indicate (default: a number's median and an input saying "
                    + "it was missing, a category of its own), error, mean, median, most-frequent or drop-rows")
    String missing = "indicate";

    @Option(names = "--scale", paramLabel = "HOW", description = "Numeric features: standard (default), minmax, none, or "
            + "robust (median and interquartile range, then clipped smoothly into (-3, 3))")
    String scale = "standard";

    @Option(names = "--unknown-category", paramLabel = "HOW",
            description = "A category training never saw: ignore (all zeros, counted; default) or error")
    String unknownCategory = "ignore";

    @Option(names = "--task", paramLabel = "TASK",
            description = "auto (default: text or few whole-number labels classify, other numbers regress), "
                    + "classification or regression")
    String task = "auto";

    CsvOptions csv() {
        return format.csv();
    }

    TabularOptions tabular(String label) {
        try {
            if (!List.of("ignore", "error").contains(unknownCategory)) {
                throw new IllegalArgumentException("Unknown --unknown-category '" + unknownCategory + "': use ignore or error");
            }
            return new TabularOptions(label, Set.copyOf(categorical), MissingValues.parse(missing), Scaling.parse(scale),
                    unknownCategory.equals("error"), Task.parse(task));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
