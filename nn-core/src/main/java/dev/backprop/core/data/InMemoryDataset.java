package dev.backprop.core.data;

import dev.backprop.core.MatrixChecks;
import dev.backprop.core.NumpyRandom;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Samples held in memory as two matrices, one row per sample. Batches are copied into two
 * buffers that each pass reuses; a pass in stored order with a batch as large as the data set
 * gives the matrices themselves, as the book's full-batch training does.
 */
public final class InMemoryDataset implements Dataset {

    private final DMatrixRMaj inputs;
    private final DMatrixRMaj targets;

    InMemoryDataset(DMatrixRMaj inputs, DMatrixRMaj targets) {
        new Batch(inputs, targets); // checks that both are non-empty with one row per sample
        MatrixChecks.requireFinite("Dataset", "inputs", inputs);
        MatrixChecks.requireFinite("Dataset", "targets", targets);
        this.inputs = inputs;
        this.targets = targets;
    }

    /** @return the inputs, one sample per row */
    public DMatrixRMaj inputs() {
        return inputs;
    }

    /** @return the targets, one row per sample */
    public DMatrixRMaj targets() {
        return targets;
    }

    /** @return the number of samples */
    public int size() {
        return inputs.numRows;
    }

    @Override
    public Iterator<Batch> batches(int batchSize, NumpyRandom order) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        int n = size();
        if (order == null && batchSize >= n) {
            return List.of(new Batch(inputs, targets)).iterator();
        }
        int[] rows = identity(n);
        if (order != null) {
            order.shuffle(rows);
        }
        return new Iterator<>() {
            private final DMatrixRMaj batchInputs = new DMatrixRMaj(1, inputs.numCols);
            private final DMatrixRMaj batchTargets = new DMatrixRMaj(1, targets.numCols);
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(n, next + batchSize);
                copyRows(inputs, rows, next, end, batchInputs);
                copyRows(targets, rows, next, end, batchTargets);
                next = end;
                return new Batch(batchInputs, batchTargets);
            }
        };
    }

    /**
     * Puts the rows in the order of a shuffled pass, in place: afterwards row {@code i} holds what
     * the {@code i}-th row of {@code batches(size(), order)}'s one batch would, and {@code order}
     * has advanced as that call advances it. For a data set too large to hold twice (Fashion-MNIST's
     * 60 000 images are 376 MB as doubles), where a pass's copy would double the memory.
     *
     * @param order the shuffle's random stream
     * @return this data set
     */
    public InMemoryDataset shuffleInPlace(NumpyRandom order) {
        int[] rows = identity(size());
        order.shuffle(rows);
        permuteRows(inputs, rows);
        permuteRows(targets, rows);
        return this;
    }

    /** Makes row i the old row {@code rows[i]}, following each cycle of the permutation with one spare row. */
    private static void permuteRows(DMatrixRMaj matrix, int[] rows) {
        int cols = matrix.numCols;
        double[] data = matrix.data;
        double[] spare = new double[cols];
        boolean[] placed = new boolean[rows.length];
        for (int start = 0; start < rows.length; start++) {
            if (placed[start] || rows[start] == start) {
                continue;
            }
            System.arraycopy(data, start * cols, spare, 0, cols);
            int at = start;
            while (rows[at] != start) {
                System.arraycopy(data, rows[at] * cols, data, at * cols, cols);
                placed[at] = true;
                at = rows[at];
            }
            System.arraycopy(spare, 0, data, at * cols, cols);
            placed[at] = true;
        }
    }

    /**
     * Splits the samples at random into a training and a validation part.
     *
     * @param validationFraction the share of samples for validation, in (0, 1)
     * @param seed the seed of the shuffle (NumPy's legacy stream)
     * @return both parts, copies of the rows
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
        }
        int n = size();
        int validation = (int) Math.round(n * validationFraction);
        if (validation == 0 || validation == n) {
            throw new IllegalArgumentException("Splitting " + n + " samples by " + validationFraction
                    + " leaves one part empty");
        }
        int[] rows = identity(n);
        new NumpyRandom(seed).shuffle(rows);
        return new Split(subset(rows, 0, n - validation), subset(rows, n - validation, n));
    }

    private InMemoryDataset subset(int[] rows, int from, int to) {
        DMatrixRMaj x = new DMatrixRMaj(to - from, inputs.numCols);
        DMatrixRMaj y = new DMatrixRMaj(to - from, targets.numCols);
        copyRows(inputs, rows, from, to, x);
        copyRows(targets, rows, from, to, y);
        return new InMemoryDataset(x, y);
    }

    private static void copyRows(DMatrixRMaj source, int[] rows, int from, int to, DMatrixRMaj target) {
        int cols = source.numCols;
        target.reshape(to - from, cols);
        for (int i = from; i < to; i++) {
            System.arraycopy(source.data, rows[i] * cols, target.data, (i - from) * cols, cols);
        }
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /**
     * The two parts of {@link #split}.
     *
     * @param train the samples to train on
     * @param validation the samples held out
     */
    public record Split(InMemoryDataset train, InMemoryDataset validation) {
        /**
         * @param train the samples to train on
         * @param validation the samples held out
         * @throws NullPointerException if a part is missing
         */
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(validation, "validation");
        }
    }
}
