package dev.backprop.core.train;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.MatrixChecks;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.metrics.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A network with its loss, optimizer and metrics, trained with {@link #fit}, measured with
 * {@link #evaluate} and used with {@link #predict}: the book's {@code Model}.
 *
 * <pre>{@code
 * Model model = Model.builder(new Sequential(new Dense(2, 64), new ReLU(), new Dense(64, 3), new Softmax()))
 *         .loss(new CategoricalCrossEntropy())
 *         .optimizer(new Adam(0.05))
 *         .metric(new CategoricalAccuracy())
 *         .build();
 * History history = model.fit(train, FitOptions.builder().epochs(10).batchSize(128).validation(test).build());
 * DMatrixRMaj probabilities = model.predict(inputs);
 * }</pre>
 *
 * <p>When the last layer and the loss can be fused ({@link dev.backprop.core.FusedLoss}, such as softmax followed by
 * categorical cross-entropy), training back-propagates the fused gradient, as the book's
 * {@code Model.finalize} arranges. Nested {@link Sequential}s count as one chain of layers.
 *
 * <p>The network is in inference mode ({@code setTraining(false)}: no dropout) except during
 * {@code fit}. A model is not thread-safe: its layers hold the state of the batch they last saw.
 */
public final class Model {

    private static final int PREDICT_BATCH = 1024;

    private final Layer network;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<Metric> metrics;
    private final TrainingStep step;
    private volatile boolean stopRequested;
    private NumpyRandom order;

    private Model(Builder builder) {
        this.network = builder.network;
        this.loss = Objects.requireNonNull(builder.loss, "a model needs a loss");
        this.optimizer = builder.optimizer;
        this.metrics = List.copyOf(builder.metrics);
        this.step = new TrainingStep(network instanceof Sequential sequential ? sequential : new Sequential(network), loss);
        network.setTraining(false);
    }

    /**
     * Starts a model.
     *
     * @param network the layers, usually a {@link Sequential}
     * @return a builder; a loss is required, an optimizer is needed to {@link #fit}
     */
    public static Builder builder(Layer network) {
        return new Builder(network);
    }

    /** @return the network */
    public Layer network() {
        return network;
    }

    /** @return the loss */
    public Loss loss() {
        return loss;
    }

    /** @return the optimizer, or null if the model was built without one */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the metrics, in order */
    public List<Metric> metrics() {
        return metrics;
    }

    /** @return the network's trainable parameters, in order */
    public List<Parameter> parameters() {
        return network.parameters();
    }

    /** @return whether training back-propagates a fused gradient through the last layer */
    public boolean usesFusedBackward() {
        return step.fused();
    }

    /** @return the sum of every regularised layer's penalty at the current parameter values */
    public double regularizationLoss() {
        return step.regularizationLoss();
    }

    /**
     * @return the one training step this model's training runs: a distributed trainer's workers
     *     compute gradients with it, and its driver applies their sum with {@link TrainingStep#update}
     */
    public TrainingStep trainingStep() {
        return step;
    }

    /**
     * Asks {@link #fit} to stop after the current epoch; listeners call it to stop early. A new
     * {@code fit} clears the request.
     */
    public void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    void clearStopRequest() {
        stopRequested = false;
    }

    /**
     * Trains the network.
     *
     * <p>An interrupt of the training thread stops training cleanly at the end of the current step:
     * {@code fit} returns the epochs completed and leaves the thread's interrupt flag set. An
     * exception from a listener ends {@code fit} with the model in inference mode and its
     * parameters those of the last completed step.
     *
     * @param train the training data
     * @param options epochs, batch size, shuffling, validation data, listeners
     * @return the figures of every epoch
     * @throws NonFiniteLossException if the loss becomes NaN or infinite; the epoch and step are
     *     named, and the parameters are those of the step before
     * @throws NonFiniteGradientException if a gradient becomes NaN or infinite, naming the layer;
     *     the parameters are those of the step before
     * @throws IllegalStateException if the model has no optimizer or the training data is empty
     */
    public History fit(Dataset train, FitOptions options) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(options, "options");
        if (optimizer == null) {
            throw new IllegalStateException("This model was built without an optimizer; it can evaluate and predict only");
        }
        Resume resume = options.resume();
        order = !options.shuffle() ? null
                : resume != null && resume.shuffleState() != null ? NumpyRandom.restore(resume.shuffleState())
                : new NumpyRandom(options.seed());
        try {
            if (options.threads() > 0) {
                try (ShardedTraining sharded = new ShardedTraining(this, options)) {
                    return EpochLoop.run(this, options,
                            epoch -> sharded.epoch(epoch, train.batches(options.batchSize(), order)));
                }
            }
            return EpochLoop.run(this, options,
                    epoch -> new BatchSteps(train.batches(options.batchSize(), order), step));
        } finally {
            order = null;
        }
    }

    /**
     * One forward and backward pass over a batch in training mode, with no update: afterwards every
     * parameter's gradient holds dLoss/dParameter for this batch (the mean data loss's gradient
     * plus the layers' own regularisation gradients), computed exactly as a step of {@link #fit}
     * computes it before the optimizer runs. A distributed trainer computes each share of a batch
     * this way. The first layer's input gradient is skipped as in {@code fit}; the model is left
     * in inference mode, so this is not for use inside {@code fit} (from a listener).
     *
     * @param inputs the batch, one sample per row
     * @param targets its targets
     * @return the batch's mean data loss
     * @throws IllegalArgumentException if the shapes do not fit the network or the loss
     */
    public double computeGradients(DMatrixRMaj inputs, DMatrixRMaj targets) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        step.training(true);
        try {
            return step.computeGradients(inputs, targets);
        } finally {
            step.training(false);
        }
    }

    /**
     * For checkpoints, from a listener's {@code onEpochEnd}: the shuffle stream's state, from which
     * a resumed run draws the next epochs' orders.
     *
     * @return the state of the shuffle stream after the current epoch, or null without shuffling or
     *     outside {@code fit}
     */
    public NumpyRandom.State shuffleState() {
        return order == null ? null : order.state();
    }

    /**
     * Measures the model on a data set in inference mode, in batches of 1024, in stored order.
     *
     * @param data the samples
     * @return the mean loss and the metrics
     */
    public Evaluation evaluate(Dataset data) {
        Objects.requireNonNull(data, "data");
        return Evaluation.measure(data.batches(PREDICT_BATCH, null), step, loss, metrics);
    }

    /**
     * The network's output for every row of {@code inputs}, computed in batches of 1024 in inference
     * mode; the model's state is left as it was.
     *
     * @param inputs one sample per row
     * @return a new matrix, one output row per input row
     */
    public DMatrixRMaj predict(DMatrixRMaj inputs) {
        MatrixChecks.requireNonEmpty("Model", "inputs", inputs);
        DMatrixRMaj result = null;
        DMatrixRMaj batch = new DMatrixRMaj(1, inputs.numCols);
        for (int start = 0; start < inputs.numRows; start += PREDICT_BATCH) {
            int end = Math.min(inputs.numRows, start + PREDICT_BATCH);
            CommonOps_DDRM.extract(inputs, start, end, 0, inputs.numCols, batch);
            DMatrixRMaj output = step.forward(batch);
            if (result == null) {
                result = new DMatrixRMaj(inputs.numRows, output.numCols);
            }
            System.arraycopy(output.data, 0, result.data, start * output.numCols, output.getNumElements());
        }
        return result;
    }

    /** Options of a {@link Model}. */
    public static final class Builder {

        private final Layer network;
        private Loss loss;
        private Optimizer optimizer;
        private final List<Metric> metrics = new ArrayList<>();

        private Builder(Layer network) {
            this.network = Objects.requireNonNull(network, "network");
        }

        /**
         * @param loss the loss to minimise
         * @return this builder
         */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * @param optimizer updates the parameters in {@link #fit}
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * @param metric a figure to report each epoch, under a name no other metric has
         * @return this builder
         */
        public Builder metric(Metric metric) {
            Objects.requireNonNull(metric, "metric");
            for (Metric other : metrics) {
                if (other.name().equals(metric.name())) {
                    throw new IllegalArgumentException("Two metrics are named '" + metric.name() + "'");
                }
            }
            metrics.add(metric);
            return this;
        }

        /**
         * @return the model, in inference mode
         * @throws NullPointerException if no loss was given
         */
        public Model build() {
            return new Model(this);
        }
    }

    /**
     * The model as Keras' {@code summary()} shows it: each layer with its output shape and
     * parameter count, the trainable and non-trainable totals, the loss and the optimizer. Output
     * shapes are found by running one sample of zeros through the layers in inference mode; the input
     * width is the first layer's (a Dense layer's weights are inputs × outputs, a normalisation's γ is
     * 1 × features).
     *
     * @return the summary, one line per layer
     */
    public String summary() {
        return ModelSummary.of(this, step.network().leafLayers(), step.fused());
    }

    /**
     * The width of the inputs the network takes, as its first layer with parameters tells it: a Dense
     * layer's weights are inputs × outputs, a normalisation's γ is 1 × features.
     *
     * @return the number of input columns, or 0 when no layer has parameters
     */
    public int inputWidth() {
        for (Layer layer : step.network().leafLayers()) {
            if (!layer.parameters().isEmpty()) {
                DMatrixRMaj first = layer.parameters().get(0).value();
                return first.numRows > 1 ? first.numRows : first.numCols;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return "Model[" + network + ", " + loss + (step.fused() ? " (fused)" : "") + ", "
                + (optimizer == null ? "no optimizer" : optimizer.getClass().getSimpleName()) + ", metrics "
                + Collections.unmodifiableList(metrics.stream().map(Metric::name).toList()) + "]";
    }
}
