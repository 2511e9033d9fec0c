package dev.backprop.core;


/**
 * A layer that can leave out the gradient with respect to its input when nothing uses it: the
 * first layer of a model, whose input is data. Model.fit asks for that while it trains, and
 * for a Dense layer on 784 pixels it saves a third of the backward pass.
 */
public interface InputGradientSkippable {

    /**
     * @param skip whether {@code backward} may leave out dLoss/dInput; while skipping, it still fills
     *     the parameters' gradients and returns {@code null}
     */
    void skipInputGradient(boolean skip);
}
