package dev.backprop.data;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * The book's data generators ({@code nnfs.datasets}), drawing from a {@link NumpyRandom} in the
 * same order as NumPy, so that with seed 0 they give the book's arrays. Rows are grouped by class,
 * not shuffled, as in the book.
 */
public final class BookDatasets {

    private BookDatasets() {}

    /**
     * {@code spiral_data(samples, classes)}: for class c, {@code r = linspace(0, 1, samples)},
     * {@code t = linspace(4c, 4(c + 1), samples) + 0.2·randn(samples)}, points
     * {@code (r·sin 2.5t, r·cos 2.5t)}, labels c (n × 1).
     *
     * @param samples the points per class, at least 2
     * @param classes the number of arms, at least 1
     * @param random the source of the noise; the book seeds it with 0
     * @return (samples · classes) points with their class indices
     */
    public static InMemoryDataset spiral(int samples, int classes, NumpyRandom random) {
        check(samples, classes, random);
        DMatrixRMaj inputs = new DMatrixRMaj(samples * classes, 2);
        DMatrixRMaj labels = new DMatrixRMaj(samples * classes, 1);
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < samples; i++) {
                int row = c * samples + i;
                double r = linspace(0, 1, samples, i);
                double t = linspace(4.0 * c, 4.0 * (c + 1), samples, i) + random.nextGaussian() * 0.2;
                inputs.set(row, 0, r * Math.sin(t * 2.5));
                inputs.set(row, 1, r * Math.cos(t * 2.5));
                labels.set(row, 0, c);
            }
        }
        return Dataset.of(inputs, labels);
    }

    /**
     * {@code vertical_data(samples, classes)}: for class c, {@code x = 0.1·randn + c/3} for every
     * sample, then {@code y = 0.1·randn + 0.5}; labels c (n × 1).
     *
     * @param samples the points per class, at least 2
     * @param classes the number of clusters, at least 1
     * @param random the source of the noise
     * @return (samples · classes) points with their class indices
     */
    public static InMemoryDataset vertical(int samples, int classes, NumpyRandom random) {
        check(samples, classes, random);
        DMatrixRMaj inputs = new DMatrixRMaj(samples * classes, 2);
        DMatrixRMaj labels = new DMatrixRMaj(samples * classes, 1);
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < samples; i++) {
                inputs.set(c * samples + i, 0, random.nextGaussian() * 0.1 + c / 3.0);
            }
            for (int i = 0; i < samples; i++) {
                inputs.set(c * samples + i, 1, random.nextGaussian() * 0.1 + 0.5);
                labels.set(c * samples + i, 0, c);
            }
        }
        return Dataset.of(inputs, labels);
    }

    /**
     * {@code sine_data(samples)}: {@code x = i / samples} for i from 0, {@code y = sin(2πx)}; no
     * randomness.
     *
     * @param samples the number of points, at least 2
     * @return the points (n × 1) with their targets (n × 1)
     */
    public static InMemoryDataset sine(int samples) {
        if (samples < 2) {
            throw new IllegalArgumentException("Sine data needs at least 2 samples, got " + samples);
        }
        DMatrixRMaj inputs = new DMatrixRMaj(samples, 1);
        DMatrixRMaj targets = new DMatrixRMaj(samples, 1);
        for (int i = 0; i < samples; i++) {
            double x = (double) i / samples;
            inputs.set(i, 0, x);
            targets.set(i, 0, Math.sin(2 * Math.PI * x));
        }
        return Dataset.of(inputs, targets);
    }

    private static void check(int samples, int classes, NumpyRandom random) {
        Objects.requireNonNull(random, "random");
        if (samples < 2 || classes < 1) {
            throw new IllegalArgumentException(
                    "The data needs at least 2 samples and 1 class, got " + samples + " and " + classes);
        }
    }

    /** Entry {@code i} of NumPy's {@code linspace(start, stop, count)}: {@code i·step + start}, the last exactly {@code stop}. */
    private static double linspace(double start, double stop, int count, int i) {
        return i == count - 1 ? stop : i * ((stop - start) / (count - 1)) + start;
    }
}
