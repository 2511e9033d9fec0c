package dev.backprop.examples.cli;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.data.BookDatasets;
import dev.backprop.data.CsvData;
import dev.backprop.data.DataFormatException;
import dev.backprop.data.FashionMnist;
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
            description = "Share of a CSV file held out for validation (default: ${DEFAULT-VALUE})", defaultValue = "0.2")
    double validationSplit;

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
                InMemoryDataset all = CsvData.read(Path.of(dataset.substring(4)), labelColumn.name);
                int classCount = classesOf(all);
                InMemoryDataset.Split split = all.split(validationSplit, seed);
                return new Problem(dataset, split.train(), split::validation, classCount, all.inputs().numCols == 2);
            }
        }
    }

    /** Labels that are whole numbers from 0 make a classification; anything else, a regression. */
    private int classesOf(InMemoryDataset data) {
        double max = 0;
        for (int i = 0; i < data.size(); i++) {
            double label = data.targets().data[i];
            if (label < 0 || label != Math.rint(label) || label > 10_000) {
                return 0;
            }
            max = Math.max(max, label);
        }
        if (max < 1) {
            throw new DataFormatException(dataset + ": every label is 0; a classification needs two classes");
        }
        return (int) max + 1;
    }
}
