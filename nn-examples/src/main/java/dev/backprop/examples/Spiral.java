package dev.backprop.examples;

import dev.backprop.core.NumpyRandom;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * The book's spiral data set ({@code nnfs.datasets.spiral_data}): {@code classes} arms of
 * {@code samples} points each, rows grouped by class.
 *
 * <p>For class c: {@code r = linspace(0, 1, samples)},
 * {@code t = linspace(4c, 4(c + 1), samples) + 0.2·randn(samples)}, and the points are
 * {@code (r·sin 2.5t, r·cos 2.5t)}. Drawn from a {@link NumpyRandom} seeded with 0, they are the
 * book's arrays.
 *
 * @param inputs the points, (samples · classes) × 2
 * @param labels the class of each point, (samples · classes) × 1
 */
public record Spiral(DMatrixRMaj inputs, DMatrixRMaj labels) {

    /**
     * @param samples the points per class, at least 2
     * @param classes the number of arms, at least 1
     * @param random the source of the noise; the book seeds it with 0
     * @return the data set
     */
    public static Spiral generate(int samples, int classes, NumpyRandom random) {
        Objects.requireNonNull(random, "random");
        if (samples < 2 || classes < 1) {
            throw new IllegalArgumentException(
                    "A spiral needs at least 2 samples and 1 class, got " + samples + " and " + classes);
        }
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
        return new Spiral(inputs, labels);
    }

    /** Entry {@code i} of NumPy's {@code linspace(start, stop, count)}: {@code i·step + start}, the last exactly {@code stop}. */
    private static double linspace(double start, double stop, int count, int i) {
        return i == count - 1 ? stop : i * ((stop - start) / (count - 1)) + start;
    }
}
