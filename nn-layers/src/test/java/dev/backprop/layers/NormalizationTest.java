package dev.backprop.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Fixture;
import dev.backprop.core.Layer;
import dev.backprop.core.Sequential;
import dev.backprop.core.component.Components;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.Model;
import java.io.IOException;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BatchNorm and LayerNorm against PyTorch float64 (torch_norms.py), to 1e-10. */
class NormalizationTest {

    private static final double TOLERANCE = 1e-10;
    private static Fixture torch;

    @BeforeAll
    static void load() throws IOException {
        torch = new Fixture(NormalizationTest.class, "torch_norms.txt");
    }

    private static DMatrixRMaj matrix(String name, int cols) {
        double[] values = torch.doubles(name);
        return new DMatrixRMaj(values.length / cols, cols, true, values);
    }

    private static <L extends Layer> L withFixtureAffine(L layer) {
        layer.parameters().get(0).value().setData(torch.doubles("gamma"));
        layer.parameters().get(1).value().setData(torch.doubles("beta"));
        return layer;
    }

    @Test
    void batchNormFollowsPyTorchThroughThreeTrainingStepsAndInference() {
        BatchNorm norm = withFixtureAffine(new BatchNorm(4));
        for (int step = 0; step < 3; step++) {
            String prefix = "batchnorm.step" + step + ".";
            DMatrixRMaj output = norm.forward(matrix("batch" + step, 4));
            assertArrayEquals(torch.doubles(prefix + "output"), output.data, TOLERANCE, prefix + "output");
            DMatrixRMaj gradInput = norm.backward(matrix("upstream" + step, 4));
            assertArrayEquals(torch.doubles(prefix + "input_grad"), gradInput.data, TOLERANCE, prefix + "input_grad");
            assertArrayEquals(torch.doubles(prefix + "gamma_grad"), norm.parameters().get(0).grad().data, TOLERANCE);
            assertArrayEquals(torch.doubles(prefix + "beta_grad"), norm.parameters().get(1).grad().data, TOLERANCE);
            assertArrayEquals(torch.doubles(prefix + "running_mean"), norm.runningMean(), TOLERANCE);
            assertArrayEquals(torch.doubles(prefix + "running_var"), norm.runningVariance(), TOLERANCE);
        }
        norm.setTraining(false);
        assertArrayEquals(torch.doubles("batchnorm.eval.output"), norm.forward(matrix("batch3", 4)).data, TOLERANCE);

        // Model files keep the running statistics through the layer's configuration.
        Components registry = Components.registered();
        BatchNorm again = (BatchNorm) registry.create(Layer.class, registry.describe(norm), "test");
        again.parameters().get(0).value().setData(norm.parameters().get(0).value().data);
        again.parameters().get(1).value().setData(norm.parameters().get(1).value().data);
        again.setTraining(false);
        assertArrayEquals(torch.doubles("batchnorm.eval.output"), again.forward(matrix("batch3", 4)).data, TOLERANCE);
    }

    @Test
    void layerNormFollowsPyTorch() {
        LayerNorm norm = withFixtureAffine(new LayerNorm(4));
        assertArrayEquals(torch.doubles("layernorm.output"), norm.forward(matrix("batch0", 4)).data, TOLERANCE);
        assertArrayEquals(torch.doubles("layernorm.input_grad"), norm.backward(matrix("upstream0", 4)).data, TOLERANCE);
        assertArrayEquals(torch.doubles("layernorm.gamma_grad"), norm.parameters().get(0).grad().data, TOLERANCE);
        assertArrayEquals(torch.doubles("layernorm.beta_grad"), norm.parameters().get(1).grad().data, TOLERANCE);
    }

    @Test
    void modelFilesKeepTheRunningStatisticsBitForBit(@TempDir Path folder) {
        BatchNorm batch = withFixtureAffine(new BatchNorm(4));
        for (int step = 0; step < 3; step++) {
            batch.forward(matrix("batch" + step, 4));
        }
        Model model = Model.builder(new Sequential(
                        batch, withFixtureAffine(new LayerNorm(4)), new Dense(4, 2)))
                .loss(new MeanSquaredError()).build();
        Path file = folder.resolve("norms.bpz");
        ModelFile.save(model, file);
        Model loaded = ModelFile.load(file);
        assertArrayEquals(model.predict(matrix("batch3", 4)).data, loaded.predict(matrix("batch3", 4)).data, 0.0);
    }

    @Test
    void aBatchOfOneInTrainingModeIsRefused() {
        BatchNorm norm = new BatchNorm(3);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> norm.forward(new DMatrixRMaj(1, 3)));
        assertTrue(error.getMessage().contains("BatchNorm(3): a batch of 1 sample in training mode"), error.getMessage());
        norm.setTraining(false);
        assertEquals(3, norm.forward(new DMatrixRMaj(1, 3)).numCols, "inference takes one sample");
        assertEquals(2, norm.parameters().size());
        assertEquals(0, BatchNorm.builder(3).affine(false).build().parameters().size());
    }
}
