package dev.backprop.core;

/**
 * A layer that adds a penalty to the loss, such as L1 or L2 regularisation of its weights.
 *
 * <p>Its {@code backward} already adds the penalty's gradient to its parameters' gradients; the
 * training loop adds {@link #regularizationLoss()} to the data loss so that the reported total is
 * the function being minimised.
 */
public interface Regularized {

    /** @return the current penalty, computed from the current parameter values */
    double regularizationLoss();
}
