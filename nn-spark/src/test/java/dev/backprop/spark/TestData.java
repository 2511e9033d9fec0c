package dev.backprop.spark;

import dev.backprop.core.NumpyRandom;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
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
        NumpyRandom random = new NumpyRandom(seed);
        DMatrixRMaj x = new DMatrixRMaj(samples * classes, 2);
        DMatrixRMaj y = new DMatrixRMaj(samples * classes, 1);
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < samples; i++) {
                double r = i / (samples - 1.0);
                double t = 4.0 * c + 4.0 * i / (samples - 1.0) + random.nextGaussian() * 0.2;
                x.set(c * samples + i, 0, r * Math.sin(t * 2.5));
                x.set(c * samples + i, 1, r * Math.cos(t * 2.5));
                y.set(c * samples + i, 0, c);
            }
        }
        return new TestData(x, y);
    }

    static boolean fashionInstalled() {
        return Files.isReadable(FASHION.resolve("train-images-idx3-ubyte.gz"))
                && Files.isReadable(FASHION.resolve("train-labels-idx1-ubyte.gz"));
    }

    /** The first {@code count} training images of Fashion-MNIST, scaled to [−1, 1] as the book does. */
    static TestData fashionSlice(int count) throws IOException {
        DMatrixRMaj x = new DMatrixRMaj(count, 784);
        DMatrixRMaj y = new DMatrixRMaj(count, 1);
        try (DataInputStream images = open("train-images-idx3-ubyte.gz", 16);
                DataInputStream labels = open("train-labels-idx1-ubyte.gz", 8)) {
            for (int i = 0; i < count * 784; i++) {
                x.data[i] = (images.readUnsignedByte() - 127.5) / 127.5;
            }
            for (int i = 0; i < count; i++) {
                y.data[i] = labels.readUnsignedByte();
            }
        }
        return new TestData(x, y);
    }

    private static DataInputStream open(String name, int header) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(FASHION.resolve(name)));
        DataInputStream data = new DataInputStream(in);
        data.skipNBytes(header);
        return data;
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
