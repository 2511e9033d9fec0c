/**
 * Training: {@link dev.backprop.core.train.Model} (fit, evaluate, predict), the one
 * {@link dev.backprop.core.train.TrainingStep} and the one {@link dev.backprop.core.train.EpochLoop}
 * every trainer runs, their options, history and listeners.
 */
package dev.backprop.core.train;
