package dev.backprop.spark;

import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import java.util.Objects;

/**
 * What {@link SparkTrainer#fit} gives back: the trained model, on the driver, in inference mode
 * (evaluate it, predict with it, save it with {@code ModelFile}), and the figures of every epoch.
 */
public final class SparkTraining {

    private final Model model;
    private final History history;

    SparkTraining(Model model, History history) {
        this.model = Objects.requireNonNull(model, "model");
        this.history = Objects.requireNonNull(history, "history");
    }

    /** @return the trained model, with the loss and (in synchronous mode) the optimizer and its state */
    public Model model() {
        return model;
    }

    /** @return every epoch's data loss, regularisation loss and learning rate; no metrics */
    public History history() {
        return history;
    }
}
