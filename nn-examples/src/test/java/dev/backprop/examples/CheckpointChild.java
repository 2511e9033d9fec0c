package dev.backprop.examples;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.Checkpoints;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.Resume;
import dev.backprop.data.BookDatasets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A training process for {@link KilledTrainingTest}: trains the spiral model with a checkpoint after
 * every epoch, resuming from the newest checkpoint in the folder if there is one.
 */
final class CheckpointChild {

    static final int EPOCHS = 400;

    private CheckpointChild() {}

    static InMemoryDataset data() {
        return BookDatasets.spiral(100, 3, new NumpyRandom(7));
    }

    static FitOptions.Builder options() {
        return FitOptions.builder().epochs(EPOCHS).batchSize(16).seed(3).logEveryEpochs(0);
    }

    /** Trains into {@code folder} (args[0]) to the end, resuming if a checkpoint is there. */
    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        Optional<Resume> resume = Checkpoints.latest(folder);
        Model model = resume.map(Resume::model).orElseGet(() -> ModelFileTest.trainedSpiralModel(1));
        FitOptions.Builder options = options().listener(new Checkpoints(folder, 2, Map.of()));
        resume.ifPresent(options::resume);
        model.fit(data(), options.build());
    }
}
