/**
 * The built-in layers ({@link dev.backprop.layers.Dense}, {@link dev.backprop.layers.Dropout}),
 * activations ({@link dev.backprop.layers.ReLU}, {@link dev.backprop.layers.LeakyReLU},
 * {@link dev.backprop.layers.Sigmoid}, {@link dev.backprop.layers.Tanh},
 * {@link dev.backprop.layers.Softmax}, {@link dev.backprop.layers.Linear}) and losses, each
 * following the book's formulas and checked against central differences.
 */
package dev.backprop.layers;
