package dev.backprop.spark;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Scheduled;
import dev.backprop.core.Sequential;
import dev.backprop.core.Stochastic;
import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.NonFiniteGradientException;
import dev.backprop.core.train.NonFiniteLossException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains any Backprop network on Apache Spark by synchronous data parallelism, the pattern of
 * Spark MLlib: each step broadcasts the parameters as one flat {@code double[]}, every partition
 * computes the gradient of its rows of the batch, a {@code treeAggregate} sums the gradients,
 * and the driver applies the optimizer, whose state lives on the driver only.
 *
 * <pre>{@code
 * SparkTraining result = SparkTrainer.builder()
 *         .network(() -> new Sequential(new Dense(2, 64), new ReLU(), new Dense(64, 3)))
 *         .loss(SoftmaxCrossEntropy::new)
 *         .optimizer(Adam.builder().learningRate(0.05).build())
 *         .epochs(10).batchSize(128).seed(42)
 *         .build()
 *         .fit(samples);                         // a JavaRDD<Sample>
 * Model model = result.model();
 * }</pre>
 *
 * <p>The network and the loss are given as serializable factories, which executors call to build
 * their own copies (custom layers included: their classes must be on the executors' class path,
 * as a {@code spark-submit} application jar puts them). The batches follow a {@link BatchSchedule}
 * of (seed, epoch, sample index), where a sample's index is its place in the RDD's order; so
 * {@code Model.fit} on {@link BatchSchedule#replay} trains the same network on one machine to the
 * same weights: bit for bit with a single partition, and within rounding (the sum of the
 * partitions' gradients is added in another order) with several. Stochastic layers such as
 * dropout draw from each copy's own stream, so with them the two differ.
 *
 * <p>{@link Builder#localSteps} switches to local SGD: each partition takes several steps on its
 * own rows with a fresh optimizer, then the parameters are averaged, weighted by the samples each
 * partition saw. It talks to the driver once per round instead of once per step, at the price of
 * being an approximation of synchronous training (optimizer state does not survive a round).
 *
 * <p>Spark on Java 17 needs its {@code --add-opens} flags (the project's README lists them);
 * {@code spark-submit} adds them itself.
 */
public final class SparkTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);

    private final SerializableSupplier<? extends Layer> network;
    private final SerializableSupplier<? extends Loss> loss;
    private final Optimizer optimizer;
    private final SerializableSupplier<? extends Optimizer> localOptimizer;
    private final int localSteps;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final int treeDepth;

    private SparkTrainer(Builder builder) {
        this.network = Objects.requireNonNull(builder.network, "a SparkTrainer needs a network factory");
        this.loss = Objects.requireNonNull(builder.loss, "a SparkTrainer needs a loss factory");
        this.localSteps = builder.localSteps;
        this.localOptimizer = builder.localOptimizer;
        this.optimizer = builder.optimizer;
        if (localSteps == 0 && optimizer == null) {
            throw new IllegalStateException("a SparkTrainer needs an optimizer (or localSteps with an optimizer factory)");
        }
        this.epochs = builder.epochs;
        this.batchSize = builder.batchSize;
        this.seed = builder.seed;
        this.shuffle = builder.shuffle;
        this.treeDepth = builder.treeDepth;
    }

    /** @return a builder; a network, a loss and an optimizer are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the schedule this trainer follows for {@code samples} samples */
    public BatchSchedule schedule(long samples) {
        return new BatchSchedule(samples, batchSize, seed, shuffle);
    }

    /**
     * Trains a new network from the factory on the samples. The RDD is read twice (once to number
     * its samples, once to pack them into blocks of 128 rows, which are then cached); cache it
     * first if it is expensive to compute. The optimizer is the builder's instance: a second
     * {@code fit} of the same trainer continues its step count (and so its decayed rate); build a
     * trainer per run.
     *
     * @param samples the training samples; their order in the RDD numbers them
     * @return the trained model and its history
     * @throws IllegalArgumentException if the RDD is empty or its samples differ in width
     * @throws NonFiniteLossException if the loss becomes NaN or infinite
     * @throws NonFiniteGradientException if a gradient becomes NaN or infinite
     * @throws org.apache.spark.SparkException if a task fails more often than Spark retries it
     *     (the cause names what failed, such as a layer's check of its input)
     */
    public SparkTraining fit(JavaRDD<Sample> samples) {
        Objects.requireNonNull(samples, "samples");
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(samples.context());
        String run = UUID.randomUUID().toString();
        JavaRDD<RowBlock> blocks = samples.zipWithIndex().mapPartitions(new ToBlocks())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<String> widths = blocks.map(block -> block.features + " features, " + block.targets + " targets")
                    .distinct().collect();
            if (widths.isEmpty()) {
                throw new IllegalArgumentException("No samples to train on");
            }
            if (widths.size() > 1) {
                throw new IllegalArgumentException("The samples differ in width: " + widths);
            }
            long count = blocks.map(block -> (long) block.rows).fold(0L, Long::sum);
            Model model = optimizer == null ? Model.builder(network.get()).loss(loss.get()).build()
                    : Model.builder(network.get()).loss(loss.get()).optimizer(optimizer).build();
            BatchSchedule schedule = schedule(count);
            LOG.info("training on Spark: {} samples in {} partitions, {} steps per epoch{}", count,
                    blocks.getNumPartitions(), schedule.batches(),
                    localSteps == 0 ? "" : ", local SGD averaging every " + localSteps + " steps");
            History history = History.of(train(spark, blocks, model, schedule, run));
            return new SparkTraining(model, history);
        } finally {
            blocks.unpersist(false);
            Replicas.forget(run);
        }
    }

    private List<EpochResult> train(JavaSparkContext spark, JavaRDD<RowBlock> blocks, Model model,
            BatchSchedule schedule, String run) {
        List<Parameter> parameters = model.parameters();
        List<EpochResult> results = new ArrayList<>();
        long stride = localSteps == 0 ? 1 : localSteps;
        for (int epoch = 0; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            double lossTimesSamples = 0;
            double regularizationTimesSamples = 0;
            double rate = Double.NaN;
            for (long first = 0; first < schedule.batches(); first += stride) {
                long end = Math.min(schedule.batches(), first + stride);
                Broadcast<double[]> values = spark.broadcast(FlatParameters.values(parameters));
                Contribution sum;
                try {
                    sum = blocks.mapPartitions(localSteps == 0
                                    ? new GradientStep(run, network, loss, values, schedule, epoch, first)
                                    : new LocalRound(run, network, loss, localOptimizer, values, schedule, epoch, first,
                                            end))
                            .treeAggregate(new Contribution(), Contribution::add, Contribution::add, treeDepth);
                } finally {
                    values.destroy();
                }
                long expected = 0;
                for (long b = first; b < end; b++) {
                    expected += schedule.sizeOf(b);
                }
                if (sum.samples != expected) {
                    throw new IllegalStateException("The partitions returned " + sum.samples + " samples of steps "
                            + first + " to " + (end - 1) + ", which have " + expected
                            + "; did the RDD change between its evaluations?");
                }
                double regularization = model.regularizationLoss();
                double dataLoss = sum.lossTimesSamples / sum.samples;
                if (!Double.isFinite(dataLoss + regularization)) {
                    throw new NonFiniteLossException(epoch, (int) first, dataLoss, regularization);
                }
                lossTimesSamples += sum.lossTimesSamples;
                regularizationTimesSamples += regularization * sum.samples;
                if (localSteps == 0) {
                    FlatParameters.setGradients(sum.vector, parameters);
                    requireFiniteGradients(parameters, epoch, (int) first);
                    if (optimizer instanceof Scheduled scheduled) {
                        rate = scheduled.currentLearningRate();
                    }
                    optimizer.step(parameters);
                } else {
                    FlatParameters.setValues(sum.vector, parameters);
                }
            }
            EpochResult result = new EpochResult(epoch, lossTimesSamples / schedule.samples(),
                    regularizationTimesSamples / schedule.samples(), Map.of(), Double.NaN, Map.of(), rate,
                    Duration.ofNanos(System.nanoTime() - start));
            results.add(result);
            int every = Math.max(1, epochs / 10);
            if (epoch % every == 0 || epoch == epochs - 1) {
                LOG.info(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f (data %.4f, regularization %.4f), %d ms",
                        epoch + 1, epochs, result.loss(), result.dataLoss(), result.regularizationLoss(),
                        result.wallTime().toMillis()));
            }
        }
        return results;
    }

    private static void requireFiniteGradients(List<Parameter> parameters, int epoch, int step) {
        for (int p = 0; p < parameters.size(); p++) {
            double[] grad = parameters.get(p).grad().data;
            for (int i = 0; i < parameters.get(p).grad().getNumElements(); i++) {
                if (!Double.isFinite(grad[i])) {
                    throw new NonFiniteGradientException(epoch, step, "the network's parameter " + (p + 1) + " of "
                            + parameters.size(), parameters.get(p).name());
                }
            }
        }
    }

    /** The options of a {@link SparkTrainer}. */
    public static final class Builder {

        private SerializableSupplier<? extends Layer> network;
        private SerializableSupplier<? extends Loss> loss;
        private Optimizer optimizer;
        private SerializableSupplier<? extends Optimizer> localOptimizer;
        private int localSteps;
        private int epochs = 1;
        private int batchSize = 32;
        private long seed;
        private boolean shuffle = true;
        private int treeDepth = 2;

        private Builder() {}

        /**
         * @param factory builds the network; called once on the driver (its initial weights are
         *     the ones trained) and once per executor thread for the copies
         * @return this builder
         */
        public Builder network(SerializableSupplier<? extends Layer> factory) {
            this.network = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * @param factory builds the loss
         * @return this builder
         */
        public Builder loss(SerializableSupplier<? extends Loss> factory) {
            this.loss = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * @param optimizer updates the parameters on the driver, once per step; it need not be
         *     serializable
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * Local SGD instead of synchronous steps: every {@code steps} batches, each partition runs
         * that many optimizer steps on its own rows of them, starting from the current parameters
         * with a new optimizer from {@code factory}; the driver then averages the partitions'
         * parameters, weighted by the samples each saw. An approximation: it equals synchronous
         * training only with one partition and a stateless optimizer.
         *
         * @param steps batches per round, at least 1
         * @param factory makes each partition's optimizer for a round
         * @return this builder
         */
        public Builder localSteps(int steps, SerializableSupplier<? extends Optimizer> factory) {
            if (steps < 1) {
                throw new IllegalArgumentException("localSteps must be at least 1, got " + steps);
            }
            this.localSteps = steps;
            this.localOptimizer = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * @param epochs passes over the data, at least 1 (default 1)
         * @return this builder
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /**
         * @param batchSize samples per step over all partitions, at least 1 (default 32)
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param seed the seed of the batch schedule (default 0)
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param shuffle false to take the batches in the RDD's order every epoch (default true)
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * @param depth the depth of the {@code treeAggregate} that sums the partitions' gradients
         *     (default 2, as MLlib)
         * @return this builder
         */
        public Builder treeDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("treeDepth must be at least 1, got " + depth);
            }
            this.treeDepth = depth;
            return this;
        }

        /**
         * @return the trainer
         * @throws NullPointerException without a network or a loss factory
         * @throws IllegalStateException without an optimizer (in synchronous mode)
         */
        public SparkTrainer build() {
            return new SparkTrainer(this);
        }
    }
}
