package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.io.Checkpoints;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.Resume;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training JVM with SIGKILL at random moments, many times, while it writes a checkpoint
 * every epoch: each time the newest checkpoint must load, and resuming from the last one must end
 * with the weights of an uninterrupted run, bit for bit.
 */
class KilledTrainingTest {

    private static final int KILLS = Integer.getInteger("kills", 12);

    @TempDir
    Path folder;

    @Test
    void killedRunsResumeToTheSameWeights() throws Exception {
        Model uninterrupted = ModelFileTest.trainedSpiralModel(1);
        uninterrupted.fit(CheckpointChild.data(), CheckpointChild.options().build());

        Path checkpoints = folder.resolve("checkpoints");
        Random random = new Random(11);
        int killed = 0;
        for (int attempt = 0; attempt < KILLS; attempt++) {
            Process child = start(checkpoints);
            // Let it start and train a little: the JVM takes some 300 ms to start.
            boolean finished = child.waitFor(400 + random.nextInt(900), TimeUnit.MILLISECONDS);
            if (!finished) {
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                child.waitFor();
                killed++;
            }
            Optional<Resume> latest = Checkpoints.latest(checkpoints);
            if (latest.isPresent()) {
                // The newest checkpoint is whole: it loads, and names an epoch already trained.
                assertTrue(latest.get().nextEpoch() >= 1 && latest.get().nextEpoch() <= CheckpointChild.EPOCHS);
            }
            try (var files = Files.list(checkpoints.toFile().exists() ? checkpoints : folder)) {
                assertTrue(files.count() <= 4, "old checkpoints are pruned (a temporary file may be left)");
            }
        }
        Process last = start(checkpoints);
        assertEquals(0, last.waitFor(), "the last run resumes and finishes");
        Resume done = Checkpoints.latest(checkpoints).orElseThrow();
        assertEquals(CheckpointChild.EPOCHS, done.nextEpoch());
        Model resumed = done.model();
        for (int i = 0; i < uninterrupted.parameters().size(); i++) {
            assertArrayEquals(uninterrupted.parameters().get(i).value().data, resumed.parameters().get(i).value().data,
                    0.0);
        }
        assertTrue(killed >= KILLS / 2, "only " + killed + " of " + KILLS + " runs were killed mid-training");
        System.out.printf("killed training: %d SIGKILLs, every checkpoint whole, resumed bit for bit%n", killed);
        ModelFile.load(done.file());
    }

    private static Process start(Path checkpoints) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=none",
                CheckpointChild.class.getName(), checkpoints.toString())
                .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
    }
}
