package dev.backprop.core;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * One differentiable step of a network: a function of a batch of inputs, one sample per row.
 *
 * <p>{@link #forward} computes the output for a batch; {@link #backward} takes the gradient of
 * the loss with respect to that output and returns the gradient with respect to the input,
 * overwriting (never accumulating) the gradients of the layer's {@link #parameters()}.
 *
 * <p>A matrix a layer returns belongs to the layer and stays valid until its next call of the
 * same method: layers reuse their buffers, so a warm training step allocates nothing. Callers
 * that need to keep a result copy it. A layer may keep a reference to the input of its last
 * {@code forward} until the matching {@code backward}; the caller must not change it in between.
 *
 * <p>Layers are not thread-safe: they hold the state of the batch they last saw.
 */
public interface Layer {

    /**
     * Computes this layer's output for a batch.
     *
     * @param input one sample per row
     * @return the output, one sample per row, owned by this layer
     * @throws IllegalArgumentException if the input's shape does not fit the layer; the message
     *     names the layer and both shapes
     */
    DMatrixRMaj forward(DMatrixRMaj input);

    /**
     * Back-propagates the gradient of the loss through this layer.
     *
     * @param gradOutput dLoss/dOutput for the batch of the last {@link #forward} call, same shape as
     *     that output
     * @return dLoss/dInput, same shape as the last input, owned by this layer
     * @throws IllegalArgumentException if {@code gradOutput}'s shape differs from the last output's
     * @throws IllegalStateException if {@link #forward} has not been called yet
     */
    DMatrixRMaj backward(DMatrixRMaj gradOutput);

    /**
     * The trainable parameters, in a stable order; their gradients are filled by {@link #backward}.
     *
     * @return the parameters; empty for parameter-free layers
     */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Switches between training and inference behaviour (dropout is active only while training).
     *
     * @param training {@code true} while training
     */
    default void setTraining(boolean training) {}
}
