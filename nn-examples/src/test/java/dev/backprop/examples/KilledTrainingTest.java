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

        // N kills means N kills: when a run completes before its kill, its weights are checked and a
        // new training run starts in a new folder.
        Random random = new Random(11);
        int killed = 0;
        int runs = 1;
        Path checkpoints = folder.resolve("checkpoints-" + runs);
        for (int attempt = 0; killed < KILLS && attempt < 10 * KILLS; attempt++) {
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
            if (Files.isDirectory(checkpoints)) {
                try (var files = Files.list(checkpoints)) {
                    assertTrue(files.count() <= 4, "old checkpoints are pruned (a temporary file may be left)");
                }
            }
            if (finished) {
                assertResumedToTheSameWeights(checkpoints, uninterrupted);
                runs++;
                checkpoints = folder.resolve("checkpoints-" + runs);
            }
        }
        Process last = start(checkpoints);
        assertEquals(0, last.waitFor(), "the last run resumes and finishes");
        assertResumedToTheSameWeights(checkpoints, uninterrupted);
        assertEquals(KILLS, killed, "every asked-for kill happened mid-training");
        System.out.printf("killed training: %d SIGKILLs over %d training runs, every checkpoint whole, resumed bit for "
                + "bit%n", killed, runs);
    }

    private static void assertResumedToTheSameWeights(Path checkpoints, Model uninterrupted) {
        Resume done = Checkpoints.latest(checkpoints).orElseThrow();
        assertEquals(CheckpointChild.EPOCHS, done.nextEpoch());
        Model resumed = done.model();
        for (int i = 0; i < uninterrupted.parameters().size(); i++) {
            assertArrayEquals(uninterrupted.parameters().get(i).value().data, resumed.parameters().get(i).value().data,
                    0.0);
        }
        ModelFile.load(done.file());
    }

    private static Process start(Path checkpoints) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=none",
                CheckpointChild.class.getName(), checkpoints.toString())
                .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
    }
}
