package dev.backprop.core;

import org.ejml.data.DMatrixRMaj;

/**
 * A loss that, after a particular last layer, can give the gradient with respect to that layer's
 * input in one cheaper, more accurate step: cross-entropy after softmax gives
 * {@code (ŷ − y) / n}. The training step uses it by itself, as the book's {@code Model.finalize} does.
 */
public interface FusedLoss extends Loss {

    /**
     * @param lastLayer the model's last layer
     * @return whether {@link #backwardThrough} applies after it
     */
    boolean fusesWith(Layer lastLayer);

    /**
     * The gradient of the loss of the last {@link #forward} with respect to the input of
     * {@code lastLayer}, whose output the predictions were.
     *
     * @param lastLayer a layer for which {@link #fusesWith} holds
     * @return the gradient, owned by this loss
     */
    DMatrixRMaj backwardThrough(Layer lastLayer);
}
