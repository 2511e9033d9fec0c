package dev.backprop.examples.cli;

import dev.backprop.core.data.InMemoryDataset;
import java.util.function.Supplier;

/**
 * A data set chosen on the command line, ready to train on.
 *
 * @param name the data set's name, for messages and model files
 * @param train the training samples
 * @param validation makes the held-out samples; called after the model is built, so that the
 *     book's data sets draw them from the random stream after the initial weights, as the book does
 * @param classes the number of classes, or 0 for regression
 * @param twoDimensional whether the inputs are points in the plane (decision regions can be drawn)
 */
record Problem(String name, InMemoryDataset train, Supplier<InMemoryDataset> validation, int classes,
        boolean twoDimensional) {

    boolean regression() {
        return classes == 0;
    }

    int inputs() {
        return train.inputs().numCols;
    }

    int outputs() {
        return regression() ? train.targets().numCols : classes;
    }
}
