package dev.backprop.core.metrics;

import org.ejml.data.DMatrixRMaj;

/**
 * A figure of merit accumulated over the batches of an epoch, as the book's accumulated accuracy:
 * {@link #reset()}, then {@link #update} with every batch, then {@link #value()}.
 */
public interface Metric {

    /** @return the name under which the value is reported, such as {@code "accuracy"} */
    String name();

    /** Forgets every batch seen. */
    void reset();

    /**
     * Adds a batch.
     *
     * @param predictions the model's output for the batch
     * @param targets the batch's targets
     */
    void update(DMatrixRMaj predictions, DMatrixRMaj targets);

    /** @return the value over every batch since {@link #reset()}; NaN before the first batch */
    double value();
}
