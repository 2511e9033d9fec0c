package dev.backprop.spark;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.Optimizer;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.train.EpochLoop;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.NonFiniteGradientException;
import dev.backprop.core.train.NonFiniteLossException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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
 *         .options(FitOptions.builder().epochs(10).batchSize(128).seed(42).build())
 *         .build()
 *         .fit(samples);                         // a JavaRDD<Sample>
 * Model model = result.model();
 * }</pre>
 *
 * <p>The run is described by the same {@link FitOptions} as {@code Model.fit} (epochs, batch
 * size, shuffling and its seed, validation, listeners such as early stopping, clipping, logging);
 * what only Spark has (local steps, the depth of the sum) is on the builder. Options that split a
 * batch on one machine ({@code threads}) or resume a checkpoint are refused: on Spark the
 * partitions share each batch.
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
 * <p>Spark on Java 17 needs its {@code --add-opens} flags (docs/spark.md lists them);
 * {@code spark-submit} adds them itself.
 */
public final class SparkTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);

    private final SerializableSupplier<? extends Layer> network;
    private final SerializableSupplier<? extends Loss> loss;
    private final Optimizer optimizer;
    private final SerializableSupplier<? extends Optimizer> localOptimizer;
    private final int localSteps;
    private final int treeDepth;
    private final List<Metric> metrics;
    private final FitOptions options;

    private SparkTrainer(Builder builder) {
        this.network = Objects.requireNonNull(builder.network, "a SparkTrainer needs a network factory");
        this.loss = Objects.requireNonNull(builder.loss, "a SparkTrainer needs a loss factory");
        this.localSteps = builder.localSteps;
        this.localOptimizer = builder.localOptimizer;
        this.optimizer = builder.optimizer;
        if (localSteps == 0 && optimizer == null) {
            throw new IllegalStateException("a SparkTrainer needs an optimizer (or localSteps with an optimizer factory)");
        }
        this.treeDepth = builder.treeDepth;
        this.metrics = List.copyOf(builder.metrics);
        this.options = builder.options;
    }

    /** @return a builder; a network, a loss and an optimizer are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the options of the run: epochs, batches, validation, listeners, clipping */
    public FitOptions options() {
        return options;
    }

    /**
     * @param samples the number of training samples
     * @return the schedule this trainer follows for {@code samples} samples
     */
    public BatchSchedule schedule(long samples) {
        return new BatchSchedule(samples, options.batchSize(), options.seed(), options.shuffle());
    }

    /**
     * Trains a new network from the factory on the samples. The RDD is read twice (once to number
     * its samples, once to pack them into blocks of 128 rows, which are then cached); cache it
     * first if it is expensive to compute. The optimizer is the builder's instance: a second
     * {@code fit} of the same trainer continues its step count (and so its decayed rate); build a
     * trainer per run.
     *
     * <p>A task that fails more often than Spark retries it ends the run with Spark's
     * {@code org.apache.spark.SparkException}, thrown undeclared as Scala code does; its cause names
     * what failed, such as a layer's check of its input.
     *
     * @param samples the training samples; their order in the RDD numbers them
     * @return the trained model and its history
     * @throws IllegalArgumentException if the RDD is empty or its samples differ in width
     * @throws NonFiniteLossException if the loss becomes NaN or infinite
     * @throws NonFiniteGradientException if a gradient becomes NaN or infinite
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
            Model.Builder builder = Model.builder(network.get()).loss(loss.get());
            if (optimizer != null) {
                builder.optimizer(optimizer);
            }
            metrics.forEach(builder::metric);
            Model model = builder.build();
            BatchSchedule schedule = schedule(count);
            LOG.info("training on Spark: {} samples in {} partitions, {} steps per epoch{}", count,
                    blocks.getNumPartitions(), schedule.batches(),
                    localSteps == 0 ? "" : ", local SGD averaging every " + localSteps + " steps");
            SparkSteps.Plan plan = new SparkSteps.Plan(spark, blocks, run, network, loss, localOptimizer, localSteps,
                    treeDepth, schedule, !model.metrics().isEmpty());
            History history = EpochLoop.run(model, options, epoch -> new SparkSteps(plan, model.parameters(), epoch));
            return new SparkTraining(model, history);
        } finally {
            blocks.unpersist(false);
            Replicas.forget(run);
        }
    }

    /** The options of a {@link SparkTrainer}. */
    public static final class Builder {

        private SerializableSupplier<? extends Layer> network;
        private SerializableSupplier<? extends Loss> loss;
        private Optimizer optimizer;
        private SerializableSupplier<? extends Optimizer> localOptimizer;
        private int localSteps;
        private int treeDepth = 2;
        private final List<Metric> metrics = new ArrayList<>();
        private FitOptions options = FitOptions.builder().build();

        private Builder() {}

        /**
         * @param options the run as {@code Model.fit} takes it: epochs (default 1), batch size
         *     (default 32; {@code fullBatch()} for one batch of every sample), shuffling every epoch
         *     from the seed (default on), validation data on the driver, listeners on the driver
         *     ({@code EarlyStopping}, checkpoints), clipping of the summed gradient, logging
         * @return this builder
         * @throws IllegalArgumentException if the options ask for threads or shards (the partitions
         *     share each batch on Spark) or resume a checkpoint
         */
        public Builder options(FitOptions options) {
            Objects.requireNonNull(options, "options");
            if (options.threads() > 0) {
                throw new IllegalArgumentException("threads split each batch on one machine; on Spark the partitions "
                        + "share each batch: choose the partitions instead");
            }
            if (options.resume() != null) {
                throw new IllegalArgumentException("a SparkTrainer does not resume a checkpoint: it trains a new "
                        + "network from its factory");
            }
            this.options = options;
            return this;
        }

        /**
         * @param metric a figure reported every epoch on the training batches (computed from the
         *     outputs the partitions send back with their gradients), and on the validation data
         * @return this builder
         */
        public Builder metric(Metric metric) {
            metrics.add(Objects.requireNonNull(metric, "metric"));
            return this;
        }

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
