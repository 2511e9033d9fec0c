package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.Checkpoints;
import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.Resume;
import dev.backprop.core.train.TrainingListener;
import dev.backprop.data.BookDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResumeTest {

    @TempDir
    Path folder;

    private static final InMemoryDataset DATA = BookDatasets.spiral(100, 3, new NumpyRandom(7));

    private FitOptions.Builder options(int epochs) {
        return FitOptions.builder().epochs(epochs).batchSize(32).seed(3);
    }

    @Test
    void aResumedRunEndsWithTheSameWeightsBitForBit() throws IOException {
        Model uninterrupted = ModelFileTest.trainedSpiralModel(0 + 1);
        uninterrupted.fit(DATA, options(6).build());

        Model interrupted = ModelFileTest.trainedSpiralModel(1);
        Path checkpoints = folder.resolve("checkpoints");
        interrupted.fit(DATA, options(6).listener(new Checkpoints(checkpoints, 2, Map.of("run", "test")))
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochResult result, Model model) {
                        if (result.epoch() == 2) {
                            model.requestStop(); // as if the process had been killed here
                        }
                    }
                }).build());
        try (var files = Files.list(checkpoints)) {
            assertEquals(List.of("checkpoint-000002.bpz", "checkpoint-000003.bpz"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "the newest two are kept");
        }

        Resume resume = Checkpoints.latest(checkpoints).orElseThrow();
        assertEquals(3, resume.nextEpoch());
        resume.model().fit(DATA, options(6).resume(resume).build());
        for (int i = 0; i < uninterrupted.parameters().size(); i++) {
            assertArrayEquals(uninterrupted.parameters().get(i).value().data,
                    resume.model().parameters().get(i).value().data, 0.0);
        }
    }

    @Test
    void aDamagedNewestCheckpointFallsBackToTheOneBefore() throws IOException {
        Model model = ModelFileTest.trainedSpiralModel(1);
        Path checkpoints = folder.resolve("c");
        model.fit(DATA, options(2).listener(new Checkpoints(checkpoints, 5, Map.of())).build());
        Files.write(checkpoints.resolve("checkpoint-000003.bpz"), new byte[] {1, 2, 3});
        Resume resume = Checkpoints.latest(checkpoints).orElseThrow();
        assertEquals(2, resume.nextEpoch());
        assertTrue(Checkpoints.latest(folder.resolve("none")).isEmpty());
    }
}
