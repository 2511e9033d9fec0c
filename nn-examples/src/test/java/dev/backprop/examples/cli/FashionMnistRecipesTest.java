package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.data.FashionMnist;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two Fashion-MNIST recipes of the command, on the whole data set: the book's against what
 * PyTorch and NumPy reach with it here (0.824 after one epoch, 0.874 after ten), also with float32
 * products, and ours against 0.90 within 20 epochs. Skipped where Debian's dataset-fashion-mnist
 * is not installed; tagged {@code slow} (about three minutes with OpenBLAS).
 */
@Tag("slow")
class FashionMnistRecipesTest {

    private static double validationAccuracy(String... args) {
        assumeTrue(FashionMnist.available(Path.of(FashionMnist.DEFAULT_DIRECTORY)),
                "Fashion-MNIST is not installed (Debian's dataset-fashion-mnist); skipping");
        BackpropCommandTest.Run run = BackpropCommandTest.run(args);
        assertEquals(0, run.exitCode(), run.err());
        String line = run.out().lines().filter(l -> l.startsWith("validation:")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void theBooksRecipeMatchesPyTorchAndNumpy() {
        assertEquals(0.824, validationAccuracy("train", "--dataset", "fashion-mnist", "--epochs", "1", "--quiet"), 0.005);
        assertEquals(0.874, validationAccuracy("train", "--dataset", "fashion-mnist", "--quiet"), 0.005);
    }

    @Test
    void theBooksRecipeInFloat32ProductsReachesTheSameAccuracy() {
        double accuracy = validationAccuracy("train", "--dataset", "fashion-mnist", "--precision", "float32", "--quiet");
        assertEquals(0.874, accuracy, 0.005);
    }

    @Test
    void ourRecipeReachesPointNine() {
        double accuracy = validationAccuracy("train", "--dataset", "fashion-mnist", "--preset", "deep", "--quiet");
        assertTrue(accuracy >= 0.90, "test accuracy " + accuracy);
    }
}
