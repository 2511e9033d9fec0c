package dev.backprop.core.train;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@link Model#fit} trains: epochs, batch size, shuffling, validation data and listeners.
 *
 * <p>Defaults: 1 epoch, batches of 32 (the last kept even when smaller), shuffled every epoch
 * from seed 0, no validation, progress logged at INFO every epoch and at DEBUG every 100 steps.
 */
public final class FitOptions {

    /** The shards of a batch with {@link Builder#threads}, unless {@link Builder#shards} says otherwise. */
    public static final int DEFAULT_SHARDS = 8;

    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final Dataset validation;
    private final List<TrainingListener> listeners;
    private final Resume resume;
    private final double clipNorm;
    private final double clipValue;
    private final int logEverySteps;
    private final int logEveryEpochs;
    private final int validateEvery;
    private final int threads;
    private final int shards;

    private FitOptions(Builder builder) {
        this.epochs = builder.epochs;
        this.batchSize = builder.batchSize;
        this.shuffle = builder.shuffle;
        this.seed = builder.seed;
        this.validation = builder.validation;
        this.listeners = List.copyOf(builder.listeners);
        this.logEverySteps = builder.logEverySteps;
        this.logEveryEpochs = builder.logEveryEpochs;
        this.validateEvery = builder.validateEvery;
        this.threads = builder.threads;
        this.shards = builder.shards;
        this.resume = builder.resume;
        this.clipNorm = builder.clipNorm;
        this.clipValue = builder.clipValue;
        if (resume != null && resume.nextEpoch() > epochs) {
            throw new IllegalArgumentException("The checkpoint is of epoch " + resume.nextEpoch()
                    + ", past the " + epochs + " epochs asked for");
        }
    }

    /** @return the largest global gradient norm before rescaling; infinite for no clipping */
    public double clipNorm() {
        return clipNorm;
    }

    /** @return the largest gradient entry in absolute value; infinite for no clipping */
    public double clipValue() {
        return clipValue;
    }

    /** @return the checkpoint training continues from, or null to start afresh */
    public Resume resume() {
        return resume;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of passes over the training data */
    public int epochs() {
        return epochs;
    }

    /** @return the largest batch */
    public int batchSize() {
        return batchSize;
    }

    /** @return whether each epoch visits the samples in a new random order */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return the seed of the shuffles */
    public long seed() {
        return seed;
    }

    /** @return the data evaluated after every epoch, or null */
    public Dataset validation() {
        return validation;
    }

    /** @return the listeners, in the order they hear events */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** @return the number of steps between DEBUG progress lines */
    public int logEverySteps() {
        return logEverySteps;
    }

    /** @return the number of epochs between measurements of the validation data (the last epoch is always measured) */
    public int validateEvery() {
        return validateEvery;
    }

    /**
     * @return the worker threads that compute a batch's shards, or 0 to compute each batch whole on
     *     the calling thread (the default)
     */
    public int threads() {
        return threads;
    }

    /** @return the shards a batch is split into when {@link #threads()} is set: the same for every thread count */
    public int shards() {
        return shards;
    }

    /** @return the number of epochs between INFO progress lines (the last epoch is always logged); 0 for none */
    public int logEveryEpochs() {
        return logEveryEpochs;
    }

    /** Options of {@link FitOptions}. */
    public static final class Builder {

        private int epochs = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private long seed;
        private Dataset validation;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Resume resume;
        private double clipNorm = Double.POSITIVE_INFINITY;
        private double clipValue = Double.POSITIVE_INFINITY;
        private int logEverySteps = 100;
        private int logEveryEpochs = 1;
        private int validateEvery = 1;
        private int threads;
        private int shards = DEFAULT_SHARDS;

        private Builder() {}

        /**
         * Computes each batch as {@link #shards} shards of consecutive rows on this many worker threads,
         * each with its own copy of the network (which reads the model's parameter values in place:
         * a layer's {@code forward} and {@code backward} must not write them, only an optimizer
         * does), and sums the shards' gradients in shard order. The
         * weights depend on the number of shards, never on the number of threads: 1, 2, 3 or 8 threads
         * give the same weights bit for bit (they differ from training without threads only in the
         * rounding of the sum). Every layer must have a registered type (its copies are made from it),
         * and none may keep statistics of its batches (BatchNorm): a shard's statistics are not the
         * batch's. Stochastic layers draw each shard's randomness from the seed, the epoch, the step and
         * the shard. While it trains this way, a native matrix backend runs each product on one
         * thread (OpenBLAS can be told so), so that {@code threads} is the number of cores used.
         *
         * <p>Measured on 2 cores (nn-bench/RESULTS.md): whole batches with OpenBLAS's own threads are
         * faster than shards for the Fashion-MNIST model, so this is for more cores than a product
         * uses well, or backends without threads of their own.
         *
         * @param threads worker threads, at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = atLeastOne("threads", threads);
            return this;
        }

        /**
         * @param shards the shards each batch is split into with {@link #threads} (default {@value
         *     FitOptions#DEFAULT_SHARDS}; a batch with fewer rows gives one row per shard)
         * @return this builder
         */
        public Builder shards(int shards) {
            this.shards = atLeastOne("shards", shards);
            return this;
        }

        /**
         * Measures the validation data only at every {@code epochs}-th epoch (0, n, 2n, …) and after the last: the
         * book's full-batch runs of 10 001 epochs spend most of their time measuring otherwise.
         * Epochs in between have a NaN validation loss and no validation metrics.
         *
         * @param epochs the epochs between measurements, at least 1 (default 1)
         * @return this builder
         */
        public Builder validateEvery(int epochs) {
            this.validateEvery = atLeastOne("validateEvery", epochs);
            return this;
        }

        /**
         * @param epochs the number of passes over the training data, at least 1
         * @return this builder
         */
        public Builder epochs(int epochs) {
            this.epochs = atLeastOne("epochs", epochs);
            return this;
        }

        /**
         * @param batchSize the largest batch, at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = atLeastOne("batchSize", batchSize);
            return this;
        }

        /**
         * Trains on the whole data set at once in every step, as the book's early chapters do.
         *
         * @return this builder
         */
        public Builder fullBatch() {
            this.batchSize = Integer.MAX_VALUE;
            return this;
        }

        /**
         * Rescales all gradients together when their global L2 norm exceeds {@code maxNorm}, as
         * PyTorch's {@code clip_grad_norm_}: the direction is kept, the step is bounded.
         *
         * @param maxNorm the largest norm, positive
         * @return this builder
         */
        public Builder clipNorm(double maxNorm) {
            if (!(maxNorm > 0)) {
                throw new IllegalArgumentException("clipNorm must be positive, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Clamps every gradient entry into [−maxValue, maxValue].
         *
         * @param maxValue the largest absolute value, positive
         * @return this builder
         */
        public Builder clipValue(double maxValue) {
            if (!(maxValue > 0)) {
                throw new IllegalArgumentException("clipValue must be positive, got " + maxValue);
            }
            this.clipValue = maxValue;
            return this;
        }

        /**
         * Continues an interrupted run from a checkpoint: training starts at the checkpoint's next
         * epoch with its shuffle state, so that with the same options the run ends with the same
         * weights, bit for bit, as one that was never interrupted. Train the checkpoint's
         * {@link Resume#model() model}.
         *
         * @param resume the checkpoint, from {@code Checkpoints.latest} (package {@code dev.backprop.core.io})
         * @return this builder
         */
        public Builder resume(Resume resume) {
            this.resume = Objects.requireNonNull(resume, "resume");
            return this;
        }

        /**
         * @param shuffle whether each epoch visits the samples in a new random order
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * @param seed the seed of the shuffles, from 0 to 2^32 − 1
         * @return this builder
         */
        public Builder seed(long seed) {
            new NumpyRandom(seed); // checks the range now rather than in fit
            this.seed = seed;
            return this;
        }

        /**
         * @param validation data to evaluate after every epoch
         * @return this builder
         */
        public Builder validation(Dataset validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /**
         * @param listener hears the progress of training; may be called more than once
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param steps the number of steps between DEBUG progress lines, at least 1
         * @return this builder
         */
        public Builder logEverySteps(int steps) {
            this.logEverySteps = atLeastOne("logEverySteps", steps);
            return this;
        }

        /**
         * @param epochs the number of epochs between INFO progress lines, at least 1 (the book's
         *     full-batch chapters print every 100 or 1000), or 0 for none (a progress bar shows them)
         * @return this builder
         */
        public Builder logEveryEpochs(int epochs) {
            if (epochs < 0) {
                throw new IllegalArgumentException("logEveryEpochs must be 0 or more, got " + epochs);
            }
            this.logEveryEpochs = epochs;
            return this;
        }

        /** @return the options */
        public FitOptions build() {
            return new FitOptions(this);
        }

        private static int atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
