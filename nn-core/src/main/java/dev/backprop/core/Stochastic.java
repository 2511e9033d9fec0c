package dev.backprop.core;

/**
 * A layer whose training-mode forward pass draws random numbers, such as dropout.
 *
 * <p>{@link GradientCheck} reseeds such layers before every forward pass, so that every
 * evaluation of the network sees the same noise and the numerical derivative is meaningful.
 */
public interface Stochastic {

    /**
     * Restarts the layer's random stream.
     *
     * @param seed the new seed; the same seed gives the same sequence of draws
     */
    void reseed(long seed);
}
