package dev.backprop.examples.cli;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.data.BookDatasets;
import dev.backprop.data.DataFormatException;
import dev.backprop.data.FashionMnist;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.Task;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that choose and load a data set, shared by train and evaluate. */
final class DataOptions {

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "spiral, vertical, sine, fashion-mnist or csv:PATH (default: ${DEFAULT-VALUE})",
            defaultValue = "spiral")
    String dataset;

    @Option(names = "--samples", paramLabel = "N",
            description = "Points per class for spiral and vertical, points for sine (default: 100; sine 1000)")
    Integer samples;

    @Option(names = "--classes", paramLabel = "N", description = "Classes for spiral and vertical (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int classes;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of the Fashion-MNIST IDX files (default: ${DEFAULT-VALUE})",
            defaultValue = FashionMnist.DEFAULT_DIRECTORY)
    Path dataDir;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N training (and N test) samples of Fashion-MNIST")
    Integer limit;

    @Mixin
    LabelColumnOption labelColumn = new LabelColumnOption();

    @Option(names = "--validation-split", paramLabel = "FRACTION",
            description = "Share of a CSV file's rows held out for validation and early stopping, 0 for none "
                    + "(default: ${DEFAULT-VALUE})", defaultValue = "0.2")
    double validationSplit;

    @Option(names = "--test", paramLabel = "csv:PATH",
            description = "A separate CSV test file, measured after training with the preprocessing fitted on --dataset")
    String test;

    @Mixin
    CsvDataOptions csv = new CsvDataOptions();

    /** @return the data set's kind: spiral, vertical, sine, fashion-mnist or csv */
    String kind() {
        if (dataset.startsWith("csv:")) {
            return "csv";
        }
        return switch (dataset) {
            case "spiral", "vertical", "sine", "fashion-mnist" -> dataset;
            default -> throw new UsageException("Unknown --dataset '" + dataset
                    + "': use spiral, vertical, sine, fashion-mnist or csv:PATH");
        };
    }

    /**
     * Loads the training data; the book's generators draw from {@code random}, which goes on to
     * draw the initial weights, then the validation data.
     */
    Problem load(NumpyRandom random, long seed) {
        String kind = kind();
        int limit = this.limit == null ? Integer.MAX_VALUE : RecipeOptions.positive("--limit", this.limit);
        switch (kind) {
            case "spiral", "vertical" -> {
                int n = RecipeOptions.positive("--samples", samples == null ? 100 : samples);
                if (classes < 2) {
                    throw new UsageException("--classes must be at least 2, got " + classes);
                }
                boolean spiral = kind.equals("spiral");
                InMemoryDataset train = spiral ? BookDatasets.spiral(n, classes, random) : BookDatasets.vertical(n, classes, random);
                return new Problem(kind, train, () -> spiral ? BookDatasets.spiral(n, classes, random)
                        : BookDatasets.vertical(n, classes, random), classes, true);
            }
            case "sine" -> {
                int n = RecipeOptions.positive("--samples", samples == null ? 1000 : samples);
                return new Problem(kind, BookDatasets.sine(n), () -> BookDatasets.sine(n), 0, false);
            }
            case "fashion-mnist" -> {
                InMemoryDataset train = FashionMnist.train(dataDir, limit);
                return new Problem(kind, train, () -> FashionMnist.test(dataDir, limit), FashionMnist.CLASSES.length, false);
            }
            default -> {
                return table(seed);
            }
        }
    }

    /**
     * A CSV file: its rows split into training and validation rows (seeded), the preprocessing
     * fitted on the training rows only, then applied to the validation rows and the test file.
     */
    private Problem table(long seed) {
        RawTable all = RawTable.read(csvPath(dataset, "--dataset"), csv.csv());
        RawTable[] parts = all.split(validationSplit(), seed);
        return table(parts[0], parts[1], test == null ? null : RawTable.read(csvPath(test, "--test"), csv.csv()));
    }

    /** @return --validation-split, checked */
    double validationSplit() {
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new UsageException("--validation-split must be in [0, 1), got " + validationSplit);
        }
        return validationSplit;
    }

    /**
     * A problem from a table's rows: the preprocessing fitted on {@code trainRows} only, then applied
     * to the validation and test rows (either may be null).
     */
    Problem table(RawTable trainRows, RawTable validationRows, RawTable testRows) {
        Preprocessor preprocessor = Preprocessor.fit(trainRows, csv.tabular(labelColumn.name));
        InMemoryDataset train = preprocessor.encode(trainRows).dataset();
        InMemoryDataset validation = validationRows == null ? null : preprocessor.encode(validationRows).dataset();
        InMemoryDataset testData = testRows == null ? null : preprocessor.encode(testRows).dataset();
        boolean regression = preprocessor.task() == Task.REGRESSION;
        return new Problem(dataset, train, () -> validation, regression ? 0 : preprocessor.outputs(),
                preprocessor.inputs() == 2, preprocessor, testData);
    }

    static Path csvPath(String value, String option) {
        if (!value.startsWith("csv:") || value.length() == 4) {
            throw new UsageException(option + " takes csv:PATH, got '" + value + "'");
        }
        return Path.of(value.substring(4));
    }
}
