package dev.backprop.core.train;

import dev.backprop.core.NumpyRandom;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an interrupted training run stands, read from a checkpoint: the model with its optimizer
 * state, the next epoch to train, and the state of the shuffle stream.
 *
 * @param model the model as it was after the checkpoint's epoch
 * @param nextEpoch the first epoch still to train, from 0
 * @param shuffleState the shuffle stream's state, or null if training did not shuffle
 * @param file the checkpoint file
 */
public record Resume(Model model, int nextEpoch, NumpyRandom.State shuffleState, Path file) {

    /**
     * @param model the model
     * @param nextEpoch the first epoch still to train
     * @param shuffleState the shuffle stream's state, or null
     * @param file the checkpoint file
     */
    public Resume {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        if (nextEpoch < 0) {
            throw new IllegalArgumentException("nextEpoch must be ≥ 0, got " + nextEpoch);
        }
    }
}
