package dev.backprop.core;

/**
 * A parameter-free, shape-preserving layer, such as ReLU or Softmax: its output has the shape of
 * its input and {@link #parameters()} is empty.
 */
public interface Activation extends Layer {}
