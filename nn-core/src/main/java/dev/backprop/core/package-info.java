/**
 * The contracts every part of Backprop is written against ({@link dev.backprop.core.Layer},
 * {@link dev.backprop.core.Activation}, {@link dev.backprop.core.Loss},
 * {@link dev.backprop.core.Optimizer}, {@link dev.backprop.core.Parameter}), the
 * {@link dev.backprop.core.Sequential} model, {@link dev.backprop.core.GradientCheck} for proving
 * layers, and {@link dev.backprop.core.NumpyRandom} for reproducing NumPy's random streams.
 */
package dev.backprop.core;
