package dev.backprop.core.train;

import dev.backprop.core.FusedLoss;
import dev.backprop.core.InputGradientSkippable;
import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.MatrixChecks;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Regularized;
import dev.backprop.core.Scheduled;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.Batch;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.metrics.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>When the last layer and the loss can be fused ({@link FusedLoss}, such as softmax followed by
 * categorical cross-entropy), training back-propagates the fused gradient, as the book's
 * {@code Model.finalize} arranges. Nested {@link Sequential}s count as one chain of layers.
 *
 * <p>The network is in inference mode ({@code setTraining(false)}: no dropout) except during
 * {@code fit}. A model is not thread-safe: its layers hold the state of the batch they last saw.
 */
public final class Model {

    private static final Logger LOG = LoggerFactory.getLogger(Model.class);
    private static final int PREDICT_BATCH = 1024;

    private final Layer network;
    private final List<Layer> layers;
    private final Loss loss;
    private final Optimizer optimizer;
    private final List<Metric> metrics;
    private final FusedLoss fusedLoss;
    private volatile boolean stopRequested;
    private NumpyRandom order;

    private Model(Builder builder) {
        this.network = builder.network;
        this.layers = new ArrayList<>();
        flatten(network, layers);
        this.loss = Objects.requireNonNull(builder.loss, "a model needs a loss");
        this.optimizer = builder.optimizer;
        this.metrics = List.copyOf(builder.metrics);
        Layer last = layers.get(layers.size() - 1);
        this.fusedLoss = loss instanceof FusedLoss fused && fused.fusesWith(last) ? fused : null;
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

    private static void flatten(Layer layer, List<Layer> into) {
        if (layer instanceof Sequential sequential) {
            for (Layer inner : sequential.layers()) {
                flatten(inner, into);
            }
        } else {
            into.add(layer);
        }
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
        return fusedLoss != null;
    }

    /** @return the sum of every regularised layer's penalty at the current parameter values */
    public double regularizationLoss() {
        return network instanceof Regularized regularized ? regularized.regularizationLoss() : 0;
    }

    /**
     * Asks {@link #fit} to stop after the current epoch; listeners call it to stop early. A new
     * {@code fit} clears the request.
     */
    public void requestStop() {
        stopRequested = true;
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
        stopRequested = false;
        List<Parameter> parameters = network.parameters();
        List<Layer> owners = owners();
        Resume resume = options.resume();
        order = !options.shuffle() ? null
                : resume != null && resume.shuffleState() != null ? NumpyRandom.restore(resume.shuffleState())
                : new NumpyRandom(options.seed());
        int firstEpoch = resume == null ? 0 : resume.nextEpoch();
        History history = new History();
        network.setTraining(true);
        InputGradientSkippable first = inputLayerSkippable();
        if (first != null) {
            first.skipInputGradient(true);
        }
        try {
            for (int epoch = firstEpoch; epoch < options.epochs() && !stopRequested; epoch++) {
                long start = System.nanoTime();
                for (TrainingListener listener : options.listeners()) {
                    listener.onEpochStart(epoch, this);
                }
                Totals totals = new Totals();
                double rate = Double.NaN;
                int step = 0;
                Iterator<Batch> batches = train.batches(options.batchSize(), order);
                while (batches.hasNext()) {
                    Batch batch = batches.next();
                    DMatrixRMaj output = forward(batch.inputs());
                    double dataLoss = loss.forward(output, batch.targets());
                    double regularization = regularizationLoss();
                    if (!Double.isFinite(dataLoss + regularization)) {
                        throw new NonFiniteLossException(epoch, step, dataLoss, regularization);
                    }
                    totals.add(batch.size(), dataLoss, regularization, output, batch.targets());
                    backward();
                    checkAndClipGradients(parameters, owners, options, epoch, step);
                    if (optimizer instanceof Scheduled scheduled) {
                        rate = scheduled.currentLearningRate();
                    }
                    optimizer.step(parameters);
                    for (TrainingListener listener : options.listeners()) {
                        listener.onBatchEnd(epoch, step, dataLoss + regularization, this);
                    }
                    if (LOG.isDebugEnabled() && (step + 1) % options.logEverySteps() == 0) {
                        LOG.debug("epoch {}, step {}: loss {}", epoch, step + 1, format(dataLoss + regularization));
                    }
                    step++;
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                }
                if (Thread.currentThread().isInterrupted()) {
                    LOG.info("interrupted: training stops after epoch {}, step {}", epoch + 1, step);
                    break;
                }
                if (totals.samples == 0) {
                    throw new IllegalStateException("The training data gave no batch in epoch " + epoch);
                }
                Map<String, Double> trainMetrics = metricValues();
                double validationLoss = Double.NaN;
                Map<String, Double> validationMetrics = Map.of();
                if (options.validation() != null) {
                    network.setTraining(false);
                    Evaluation validation = evaluate(options.validation());
                    network.setTraining(true);
                    validationLoss = validation.loss();
                    validationMetrics = validation.metrics();
                }
                EpochResult result = new EpochResult(epoch, totals.dataLoss / totals.samples,
                        totals.regularization / totals.samples, trainMetrics, validationLoss, validationMetrics,
                        rate, Duration.ofNanos(System.nanoTime() - start));
                history.add(result);
                int every = options.logEveryEpochs();
                if (every > 0 && (epoch % every == 0 || epoch == options.epochs() - 1)) {
                    log(result, options.epochs());
                }
                for (TrainingListener listener : options.listeners()) {
                    listener.onEpochEnd(result, this);
                }
            }
        } finally {
            network.setTraining(false);
            if (first != null) {
                first.skipInputGradient(false);
            }
            order = null;
        }
        return history;
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
        InputGradientSkippable first = inputLayerSkippable();
        network.setTraining(true);
        if (first != null) {
            first.skipInputGradient(true);
        }
        try {
            double dataLoss = loss.forward(forward(inputs), targets);
            backward();
            return dataLoss;
        } finally {
            network.setTraining(false);
            if (first != null) {
                first.skipInputGradient(false);
            }
        }
    }

    /** @return the first layer, if it can skip its input gradient (nothing uses the gradient of data) */
    private InputGradientSkippable inputLayerSkippable() {
        return layers.get(0) instanceof InputGradientSkippable skippable ? skippable : null;
    }

    /** @return for each parameter of {@link #parameters()}, in order, the layer that holds it */
    private List<Layer> owners() {
        List<Layer> owners = new ArrayList<>();
        for (Layer layer : layers) {
            for (int i = 0; i < layer.parameters().size(); i++) {
                owners.add(layer);
            }
        }
        return owners;
    }

    /** Stops on a NaN or infinite gradient, naming its layer; then clips by norm and by value if asked. */
    private static void checkAndClipGradients(List<Parameter> parameters, List<Layer> owners, FitOptions options,
            int epoch, int step) {
        double squares = 0;
        for (int p = 0; p < parameters.size(); p++) {
            DMatrixRMaj grad = parameters.get(p).grad();
            double sum = 0;
            for (int i = 0; i < grad.getNumElements(); i++) {
                sum += grad.data[i] * grad.data[i];
            }
            if (!Double.isFinite(sum)) {
                throw new NonFiniteGradientException(epoch, step, owners.get(p).toString(),
                        parameters.get(p).name() + " (parameter " + p + ")");
            }
            squares += sum;
        }
        double norm = Math.sqrt(squares);
        double scale = norm > options.clipNorm() ? options.clipNorm() / norm : 1;
        double limit = options.clipValue();
        if (scale == 1 && limit == Double.POSITIVE_INFINITY) {
            return;
        }
        for (Parameter parameter : parameters) {
            double[] grad = parameter.grad().data;
            for (int i = 0; i < parameter.grad().getNumElements(); i++) {
                grad[i] = Math.max(-limit, Math.min(limit, grad[i] * scale));
            }
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
        Totals totals = new Totals();
        Iterator<Batch> batches = data.batches(PREDICT_BATCH, null);
        while (batches.hasNext()) {
            Batch batch = batches.next();
            DMatrixRMaj output = forward(batch.inputs());
            totals.add(batch.size(), loss.forward(output, batch.targets()), 0, output, batch.targets());
        }
        if (totals.samples == 0) {
            throw new IllegalArgumentException("The data set to evaluate gave no batch");
        }
        return new Evaluation(totals.dataLoss / totals.samples, regularizationLoss(), metricValues(), totals.samples);
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
            DMatrixRMaj output = forward(batch);
            if (result == null) {
                result = new DMatrixRMaj(inputs.numRows, output.numCols);
            }
            System.arraycopy(output.data, 0, result.data, start * output.numCols, output.getNumElements());
        }
        return result;
    }

    private DMatrixRMaj forward(DMatrixRMaj inputs) {
        DMatrixRMaj values = inputs;
        for (Layer layer : layers) {
            values = layer.forward(values);
        }
        return values;
    }

    private void backward() {
        int last = layers.size() - 1;
        DMatrixRMaj grad;
        if (fusedLoss != null) {
            grad = fusedLoss.backwardThrough(layers.get(last));
            last--;
        } else {
            grad = loss.backward();
        }
        for (int i = last; i >= 0; i--) {
            grad = layers.get(i).backward(grad);
        }
    }

    private Map<String, Double> metricValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            values.put(metric.name(), metric.value());
        }
        return values;
    }

    private void log(EpochResult result, int epochs) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: loss %s (data %s, regularization %s)",
                result.epoch() + 1, epochs, format(result.loss()), format(result.dataLoss()),
                format(result.regularizationLoss())));
        result.metrics().forEach((name, value) -> line.append(", ").append(name).append(' ').append(format(value)));
        if (!Double.isNaN(result.validationLoss())) {
            line.append(", val_loss ").append(format(result.validationLoss()));
            result.validationMetrics().forEach(
                    (name, value) -> line.append(", val_").append(name).append(' ').append(format(value)));
        }
        line.append(", lr ").append(result.learningRate()).append(", ").append(result.wallTime().toMillis()).append(" ms");
        LOG.info(line.toString());
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** Sums over the batches of an epoch, each weighted by its samples; resets the metrics. */
    private final class Totals {
        long samples;
        double dataLoss;
        double regularization;

        Totals() {
            for (Metric metric : metrics) {
                metric.reset();
            }
        }

        void add(int n, double batchLoss, double batchRegularization, DMatrixRMaj output, DMatrixRMaj targets) {
            samples += n;
            dataLoss += batchLoss * n;
            regularization += batchRegularization * n;
            for (Metric metric : metrics) {
                metric.update(output, targets);
            }
        }
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

    @Override
    public String toString() {
        return "Model[" + network + ", " + loss + (fusedLoss != null ? " (fused)" : "") + ", "
                + (optimizer == null ? "no optimizer" : optimizer.getClass().getSimpleName()) + ", metrics "
                + Collections.unmodifiableList(metrics.stream().map(Metric::name).toList()) + "]";
    }
}
