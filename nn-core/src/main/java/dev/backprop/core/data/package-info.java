/**
 * Training data as batches: {@link dev.backprop.core.data.Dataset} in memory or streamed,
 * shuffled from NumPy's stream. Readers and generators live in nn-data.
 */
package dev.backprop.core.data;
