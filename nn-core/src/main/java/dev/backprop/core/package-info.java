/**
 * The contracts every part of Backprop is written against ({@link dev.backprop.core.Layer},
 * {@link dev.backprop.core.Activation}, {@link dev.backprop.core.Loss},
 * {@link dev.backprop.core.Optimizer}, {@link dev.backprop.core.Parameter}), the
 * {@link dev.backprop.core.Sequential} model, {@link dev.backprop.core.GradientCheck} for proving
 * layers, the optional abilities of components (regularised, stochastic, fused, stateful), and
 * {@link dev.backprop.core.NumpyRandom} for reproducing NumPy's random streams. This package
 * depends on nothing else of Backprop's; the sub-packages build on it: {@code component} (how
 * components describe themselves), {@code linalg} (matrix products), {@code data} (batches),
 * {@code metrics}, {@code train} (the training step and loop) and {@code io} (model files).
 */
package dev.backprop.core;
