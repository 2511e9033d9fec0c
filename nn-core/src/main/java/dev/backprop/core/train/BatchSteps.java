package dev.backprop.core.train;

import dev.backprop.core.data.Batch;
import dev.backprop.core.metrics.Metric;
import java.util.Iterator;
import java.util.List;

/** An epoch's steps that each compute one batch's gradients, on this machine (one thread or shards). */
final class BatchSteps implements EpochLoop.Steps {

    /** One batch's gradients into the model's parameters, with the metrics updated. */
    @FunctionalInterface
    interface Gradients {

        /**
         * @param batch the batch
         * @param step its index in the epoch, from 0
         * @param metrics the model's metrics, to update
         * @return the batch's mean data loss
         */
        double compute(Batch batch, int step, List<Metric> metrics);
    }

    private final Iterator<Batch> batches;
    private final Gradients gradients;
    private int step;

    /** Shards' steps: the gradients of each batch from {@code gradients}. */
    BatchSteps(Iterator<Batch> batches, Gradients gradients) {
        this.batches = batches;
        this.gradients = gradients;
    }

    /** Steps on this thread: each batch through the model's own training step. */
    BatchSteps(Iterator<Batch> batches, TrainingStep step) {
        this(batches, (batch, index, metrics) -> {
            double dataLoss = step.computeGradients(batch.inputs(), batch.targets());
            for (Metric metric : metrics) {
                metric.update(step.output(), batch.targets());
            }
            return dataLoss;
        });
    }

    @Override
    public boolean hasNext() {
        return batches.hasNext();
    }

    @Override
    public EpochLoop.StepResult next(List<Metric> metrics) {
        Batch batch = batches.next();
        double dataLoss = gradients.compute(batch, step++, metrics);
        return new EpochLoop.StepResult(batch.size(), dataLoss, true);
    }
}
