package dev.backprop.spark;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.data.BookDatasets;
import dev.backprop.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** Samples for the tests: the book's spiral, and the first images of Fashion-MNIST when installed. */
final class TestData {

    /** Where Debian's dataset-fashion-mnist puts the files. */
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    final DMatrixRMaj inputs;
    final DMatrixRMaj targets;

    private TestData(DMatrixRMaj inputs, DMatrixRMaj targets) {
        this.inputs = inputs;
        this.targets = targets;
    }

    /** The book's spiral_data(samples, classes), class indices as targets. */
    static TestData spiral(int samples, int classes, long seed) {
        InMemoryDataset spiral = BookDatasets.spiral(samples, classes, new NumpyRandom(seed));
        return new TestData(spiral.inputs(), spiral.targets());
    }

    static boolean fashionInstalled() {
        return FashionMnist.available(FASHION);
    }

    /** The first {@code count} training images of Fashion-MNIST, scaled to [−1, 1] as the book does. */
    static TestData fashionSlice(int count) throws IOException {
        InMemoryDataset train = FashionMnist.train(FASHION, count);
        return new TestData(train.inputs(), train.targets());
    }

    /** @return one sample per row, in row order */
    List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < inputs.numRows; i++) {
            double[] features = new double[inputs.numCols];
            double[] target = new double[targets.numCols];
            System.arraycopy(inputs.data, i * inputs.numCols, features, 0, inputs.numCols);
            System.arraycopy(targets.data, i * targets.numCols, target, 0, targets.numCols);
            samples.add(Sample.of(features, target));
        }
        return samples;
    }
}
