package dev.backprop.examples.cli;

import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.data.FashionMnist;
import dev.backprop.data.tabular.Preprocessor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A data set chosen on the command line, ready to train on.
 *
 * @param name the data set's name, for messages and model files
 * @param train the training samples
 * @param validation makes the held-out samples, or gives null when none are held out; called after
 *     the model is built, so that the book's data sets draw them from the random stream after the
 *     initial weights, as the book does
 * @param classes the number of classes, or 0 for regression
 * @param twoDimensional whether the inputs are points in the plane (decision regions can be drawn)
 * @param preprocessor the preprocessing fitted on a table's training rows, or null for arrays
 * @param test a separate test file's samples, or null
 */
record Problem(String name, InMemoryDataset train, Supplier<InMemoryDataset> validation, int classes,
        boolean twoDimensional, Preprocessor preprocessor, InMemoryDataset test) {

    Problem(String name, InMemoryDataset train, Supplier<InMemoryDataset> validation, int classes,
            boolean twoDimensional) {
        this(name, train, validation, classes, twoDimensional, null, null);
    }

    boolean regression() {
        return classes == 0;
    }

    int inputs() {
        return train.inputs().numCols;
    }

    int outputs() {
        return regression() ? train.targets().numCols : classes;
    }

    /** @return the classes' names: a table's labels, Fashion-MNIST's garments, else the indices */
    List<String> classNames() {
        if (preprocessor != null && !regression()) {
            return preprocessor.classNames();
        }
        if (name.equals("fashion-mnist")) {
            return List.of(FashionMnist.CLASSES);
        }
        return indexNames(classes);
    }

    /** @return "0", "1", ...: the names of classes that have none of their own */
    static List<String> indexNames(int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }
}
