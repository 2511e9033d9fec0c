package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.core.Sequential;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.io.ModelFileException;
import dev.backprop.core.train.Model;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Softmax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save that runs out of disk leaves the previous file intact and no temporary file behind. The
 * disk is a 64 KiB tmpfs, so the test needs root and mount; elsewhere it is skipped.
 */
class FullDiskTest {

    @TempDir
    Path folder;

    @Test
    void aFullDiskLeavesThePreviousModelIntact() throws Exception {
        Path disk = Files.createDirectory(folder.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0,
                "cannot mount a small tmpfs here (needs root); skipping");
        try {
            Path file = disk.resolve("model.bpz");
            Model small = ModelFileTest.trainedSpiralModel(1);
            ModelFile.save(small, file);
            byte[] before = Files.readAllBytes(file);

            // 2 × 8192 weights and more: about 200 KiB, which cannot fit in 64 KiB.
            Model large = Model.builder(new Sequential(new Dense(2, 8192), new Dense(8192, 3), new Softmax()))
                    .loss(new CategoricalCrossEntropy()).build();
            ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.save(large, file));
            assertEquals(true, error.getMessage().startsWith("Could not save the model to " + file), error.getMessage());

            assertArrayEquals(before, Files.readAllBytes(file), "the previous model is untouched");
            ModelFile.load(file);
            try (var listing = Files.list(disk)) {
                assertEquals(List.of(file), listing.toList(), "no temporary file is left");
            }
        } finally {
            new ProcessBuilder("umount", disk.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
