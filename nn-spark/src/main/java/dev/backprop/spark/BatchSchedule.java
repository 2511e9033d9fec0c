package dev.backprop.spark;

import dev.backprop.core.data.Batch;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Which samples make up each batch of each epoch: a function of (seed, epoch, sample index) alone,
 * so that every Spark partition finds its share of a batch without asking anyone, a retried task
 * finds the same share, and one machine can replay exactly the same batches ({@link #replay}).
 *
 * <p>Epoch {@code e} puts sample {@code i} at position {@link #position(int, long)}: a
 * pseudo-random permutation of {@code 0 … samples−1} (a Feistel network keyed by seed and epoch,
 * cycle-walked into range), or the identity without shuffling. Batch {@code b} holds positions
 * {@code b·batchSize} to {@code (b+1)·batchSize − 1}, in that order; the last batch may be smaller.
 */
public final class BatchSchedule implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int ROUNDS = 4;

    /** The number of samples, indexed from 0. */
    private final long samples;
    /** The samples per batch. */
    private final int batchSize;
    /** The seed of the shuffles. */
    private final long seed;
    /** False to keep the stored order every epoch. */
    private final boolean shuffle;
    /** The bits of each half of the Feistel network's block. */
    private final int halfBits;
    /** {@code 2^halfBits − 1}. */
    private final long halfMask;

    /**
     * @param samples the number of samples, indexed from 0
     * @param batchSize the samples per batch
     * @param seed the seed of the shuffles
     * @param shuffle false to keep the stored order every epoch
     * @throws IllegalArgumentException if samples or batchSize is not positive
     */
    public BatchSchedule(long samples, int batchSize, long seed, boolean shuffle) {
        if (samples <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("A schedule needs samples and a batch size above 0, got " + samples
                    + " and " + batchSize);
        }
        this.samples = samples;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, samples - 1));
        this.halfBits = Math.max(1, (bits + 1) / 2);
        this.halfMask = (1L << halfBits) - 1;
    }

    /** @return the number of samples */
    public long samples() {
        return samples;
    }

    /** @return the samples per batch (the last batch of an epoch may have fewer) */
    public int batchSize() {
        return batchSize;
    }

    /** @return the batches per epoch */
    public long batches() {
        return (samples + batchSize - 1) / batchSize;
    }

    /**
     * @param batch a batch of an epoch, from 0
     * @return its number of samples
     */
    public int sizeOf(long batch) {
        checkBatch(batch);
        return (int) Math.min(batchSize, samples - batch * batchSize);
    }

    /**
     * @param epoch the epoch, from 0
     * @param index a sample's index
     * @return where the sample comes in the epoch's order
     */
    public long position(int epoch, long index) {
        checkIndex(index);
        if (!shuffle) {
            return index;
        }
        long value = permute(epoch, index);
        while (value >= samples) {
            value = permute(epoch, value);
        }
        return value;
    }

    /**
     * The inverse of {@link #position}.
     *
     * @param epoch the epoch, from 0
     * @param position a place in the epoch's order
     * @return the index of the sample at that place
     */
    public long index(int epoch, long position) {
        checkIndex(position);
        if (!shuffle) {
            return position;
        }
        long value = unpermute(epoch, position);
        while (value >= samples) {
            value = unpermute(epoch, value);
        }
        return value;
    }

    /**
     * @param epoch the epoch, from 0
     * @param index a sample's index
     * @return the batch of the epoch that the sample belongs to
     */
    public long batchOf(int epoch, long index) {
        return position(epoch, index) / batchSize;
    }

    /**
     * The batches of this schedule, for training on one machine with {@code Model.fit} exactly as
     * {@link SparkTrainer} trains: the n-th call of {@code batches} gives epoch n's batches (pass
     * {@code FitOptions} with this batch size and {@code shuffle(false)}; the arguments of
     * {@code batches} are not used).
     *
     * @param inputs one sample per row, row i being sample i
     * @param targets one target row per sample
     * @return a data set that replays epoch 0, 1, 2, … on successive passes
     * @throws IllegalArgumentException if the matrices do not hold {@link #samples()} rows
     */
    public Dataset replay(DMatrixRMaj inputs, DMatrixRMaj targets) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.numRows != samples || targets.numRows != samples) {
            throw new IllegalArgumentException("The schedule has " + samples + " samples, the data " + inputs.numRows
                    + " inputs and " + targets.numRows + " targets");
        }
        int[] passes = {0};
        return (ignoredSize, ignoredOrder) -> batchesOf(passes[0]++, inputs, targets);
    }

    private Iterator<Batch> batchesOf(int epoch, DMatrixRMaj inputs, DMatrixRMaj targets) {
        return new Iterator<>() {
            private long batch;

            @Override
            public boolean hasNext() {
                return batch < batches();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int size = sizeOf(batch);
                DMatrixRMaj x = new DMatrixRMaj(size, inputs.numCols);
                DMatrixRMaj y = new DMatrixRMaj(size, targets.numCols);
                for (int row = 0; row < size; row++) {
                    int sample = (int) index(epoch, batch * batchSize + row);
                    System.arraycopy(inputs.data, sample * inputs.numCols, x.data, row * inputs.numCols, inputs.numCols);
                    System.arraycopy(targets.data, sample * targets.numCols, y.data, row * targets.numCols,
                            targets.numCols);
                }
                batch++;
                return new Batch(x, y);
            }
        };
    }

    private long permute(int epoch, long value) {
        long left = value >>> halfBits;
        long right = value & halfMask;
        for (int round = 0; round < ROUNDS; round++) {
            long next = left ^ (roundFunction(epoch, round, right) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    private long unpermute(int epoch, long value) {
        long left = value >>> halfBits;
        long right = value & halfMask;
        for (int round = ROUNDS - 1; round >= 0; round--) {
            long previous = right ^ (roundFunction(epoch, round, left) & halfMask);
            right = left;
            left = previous;
        }
        return (left << halfBits) | right;
    }

    private long roundFunction(int epoch, int round, long half) {
        long key = mix(seed ^ mix(((long) epoch << 8) | round));
        return mix(key ^ half);
    }

    /** SplitMix64's finaliser: every input bit affects every output bit. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= samples) {
            throw new IndexOutOfBoundsException("Sample " + index + " of " + samples);
        }
    }

    private void checkBatch(long batch) {
        if (batch < 0 || batch >= batches()) {
            throw new IndexOutOfBoundsException("Batch " + batch + " of " + batches());
        }
    }
}
