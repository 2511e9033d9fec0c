package dev.backprop.core.train;

import dev.backprop.core.metrics.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epochs of a training run, written once for every trainer: listeners, the steps of each
 * epoch with the loss check and {@link TrainingStep#update}, the epoch's loss and metrics,
 * validation, the {@link History}, progress logs, early stopping and interrupts. Where the
 * gradients of a step come from is the caller's: {@link Model#fit} computes them on this thread;
 * a distributed trainer sums them over a cluster.
 */
public final class EpochLoop {

    private static final Logger LOG = LoggerFactory.getLogger(EpochLoop.class);

    private EpochLoop() {}

    /** Makes the steps of each epoch. */
    @FunctionalInterface
    public interface Epochs {
        /**
         * @param epoch the epoch, from 0
         * @return its steps
         */
        Steps epoch(int epoch);
    }

    /** The steps of one epoch. */
    public interface Steps {

        /** @return whether another step follows */
        boolean hasNext();

        /**
         * Computes the next step's gradients into the model's parameters (or, for a step that is not
         * a gradient step, sets the parameters themselves) and updates the metrics with the
         * step's outputs and targets.
         *
         * @param metrics the model's metrics, to update
         * @return what the step gave
         */
        StepResult next(List<Metric> metrics);
    }

    /**
     * What one step gave.
     *
     * @param samples the samples of its batch
     * @param dataLoss the batch's mean data loss
     * @param gradients true if the parameters' gradients are to be applied by the optimizer; false
     *     if the step has set the parameters itself (local SGD's averaged round)
     */
    public record StepResult(long samples, double dataLoss, boolean gradients) {}

    /**
     * Trains {@code model} for the epochs of {@code options}, from its resume point if it has one.
     *
     * @param model the model, with an optimizer unless no step gives gradients
     * @param options epochs, validation, listeners, clipping, logging
     * @param epochs the steps of each epoch
     * @return the figures of every epoch trained
     */
    public static History run(Model model, FitOptions options, Epochs epochs) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(epochs, "epochs");
        TrainingStep trainingStep = model.trainingStep();
        History history = new History();
        int firstEpoch = options.resume() == null ? 0 : options.resume().nextEpoch();
        model.clearStopRequest();
        trainingStep.training(true);
        try {
            for (int epoch = firstEpoch; epoch < options.epochs() && !model.stopRequested(); epoch++) {
                long start = System.nanoTime();
                for (TrainingListener listener : options.listeners()) {
                    listener.onEpochStart(epoch, model);
                }
                for (Metric metric : model.metrics()) {
                    metric.reset();
                }
                long samples = 0;
                double lossTimesSamples = 0;
                double regularizationTimesSamples = 0;
                double rate = Double.NaN;
                int step = 0;
                Steps steps = epochs.epoch(epoch);
                while (steps.hasNext()) {
                    StepResult result = steps.next(model.metrics());
                    double regularization = trainingStep.regularizationLoss();
                    if (!Double.isFinite(result.dataLoss() + regularization)) {
                        throw new NonFiniteLossException(epoch, step, result.dataLoss(), regularization);
                    }
                    samples += result.samples();
                    lossTimesSamples += result.dataLoss() * result.samples();
                    regularizationTimesSamples += regularization * result.samples();
                    if (result.gradients()) {
                        if (model.optimizer() == null) {
                            throw new IllegalStateException("This model was built without an optimizer: its gradients "
                                    + "cannot be applied");
                        }
                        rate = trainingStep.update(model.optimizer(), options.clipNorm(), options.clipValue(), epoch, step);
                        history.addStepRate(rate);
                    }
                    double loss = result.dataLoss() + regularization;
                    for (TrainingListener listener : options.listeners()) {
                        listener.onBatchEnd(epoch, step, loss, model);
                    }
                    if (LOG.isDebugEnabled() && (step + 1) % options.logEverySteps() == 0) {
                        LOG.debug("epoch {}, step {}: loss {}", epoch, step + 1, format(loss));
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
                if (samples == 0) {
                    throw new IllegalStateException("The training data gave no batch in epoch " + epoch);
                }
                Map<String, Double> trainMetrics = Evaluation.values(model.metrics());
                double validationLoss = Double.NaN;
                Map<String, Double> validationMetrics = Map.of();
                boolean measure = epoch % options.validateEvery() == 0 || epoch == options.epochs() - 1;
                if (options.validation() != null && measure) {
                    trainingStep.training(false);
                    Evaluation validation = model.evaluate(options.validation());
                    trainingStep.training(true);
                    validationLoss = validation.loss();
                    validationMetrics = validation.metrics();
                }
                EpochResult result = new EpochResult(epoch, lossTimesSamples / samples,
                        regularizationTimesSamples / samples, trainMetrics, validationLoss, validationMetrics, rate,
                        Duration.ofNanos(System.nanoTime() - start));
                history.add(result);
                int every = options.logEveryEpochs();
                if (every > 0 && (epoch % every == 0 || epoch == options.epochs() - 1)) {
                    log(result, options.epochs());
                }
                for (TrainingListener listener : options.listeners()) {
                    listener.onEpochEnd(result, model);
                }
            }
        } finally {
            trainingStep.training(false);
        }
        return history;
    }

    private static void log(EpochResult result, int epochs) {
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
        line.append(String.format(Locale.ROOT, ", lr %.3g, %d ms", result.learningRate(), result.wallTime().toMillis()));
        LOG.info(line.toString());
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
