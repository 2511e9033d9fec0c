package dev.backprop.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.ColumnScale;
import dev.backprop.core.Sequential;
import dev.backprop.core.SumOfSquares;
import dev.backprop.core.train.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileSaveTest {

    @TempDir
    Path folder;

    @Test
    void aComponentWithoutARegisteredTypeIsAModelFileErrorThatSaysHowToRegisterIt() {
        Model model = Model.builder(new Sequential(ColumnScale.plain(1, 2))).loss(new SumOfSquares()).build();
        Path file = folder.resolve("unregistered.bpz");
        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.save(model, file));
        assertTrue(error.getMessage().contains("dev.backprop.core.ColumnScale")
                && error.getMessage().contains("ComponentProvider"), error.getMessage());
        assertFalse(Files.exists(file), "nothing is written");
    }
}
