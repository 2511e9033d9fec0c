/**
 * Models as files: {@link dev.backprop.core.io.ModelFile} (a zip of model.json and NumPy arrays,
 * written atomically, read with every check), checkpoints and resume, and
 * {@link dev.backprop.core.io.Predictor} for serving a saved model from many threads.
 */
package dev.backprop.core.io;
