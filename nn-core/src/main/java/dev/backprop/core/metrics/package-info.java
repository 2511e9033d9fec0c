/**
 * Figures of a model's outputs against targets, accumulated over batches:
 * {@link dev.backprop.core.metrics.Metric} and the accuracies, and the
 * {@link dev.backprop.core.metrics.ConfusionMatrix}.
 */
package dev.backprop.core.metrics;
