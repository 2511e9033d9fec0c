package dev.backprop.core;

import org.ejml.data.DMatrixRMaj;

/**
 * A loss function: a scalar that says how far a batch of predictions is from its targets.
 *
 * <p>Like a {@link Layer}, a loss remembers its last batch: {@link #backward()} returns the
 * gradient for the predictions and targets of the last {@link #forward} call, in a buffer the loss
 * owns and reuses.
 */
public interface Loss {

    /**
     * Computes the loss of a batch.
     *
     * @param predictions the model's output, one sample per row
     * @param targets the expected output: the same shape as the predictions, or for classification
     *     losses class indices (n × 1)
     * @return the mean loss over the samples
     * @throws IllegalArgumentException if the shapes do not fit, the batch is empty, or a target is
     *     not valid for this loss
     */
    double forward(DMatrixRMaj predictions, DMatrixRMaj targets);

    /**
     * The gradient of the mean loss with respect to the predictions of the last {@link #forward}.
     *
     * @return dLoss/dPredictions, same shape as the predictions, owned by this loss
     * @throws IllegalStateException if {@link #forward} has not been called yet
     */
    DMatrixRMaj backward();
}
