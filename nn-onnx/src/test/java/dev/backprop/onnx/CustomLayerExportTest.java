package dev.backprop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Layer;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.linalg.Precision;
import dev.backprop.core.train.Model;
import dev.backprop.layers.Dense;
import dev.backprop.layers.MeanSquaredError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's layer exports itself through a registered exporter; a layer without one fails cleanly. */
class CustomLayerExportTest {

    @TempDir
    Path folder;

    /** Doubles its input: a layer nobody wrote an exporter for. */
    static final class Doubler implements Layer {
        @Override
        public DMatrixRMaj forward(DMatrixRMaj input) {
            DMatrixRMaj output = input.copy();
            for (int i = 0; i < output.data.length; i++) {
                output.data[i] *= 2;
            }
            return output;
        }

        @Override
        public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
            return forward(gradOutput);
        }

        @Override
        public String toString() {
            return "Doubler";
        }
    }

    private static Model model(Layer middle) {
        return Model.builder(new Sequential(new Dense(3, 5), middle, new Dense(5, 2))).loss(new MeanSquaredError()).build();
    }

    private static DMatrixRMaj inputs() {
        NumpyRandom random = new NumpyRandom(3);
        DMatrixRMaj inputs = new DMatrixRMaj(1000, 3);
        for (int i = 0; i < inputs.data.length; i++) {
            inputs.data[i] = 3 * random.nextGaussian();
        }
        return inputs;
    }

    @Test
    void aRegisteredExporterWritesTheUsersLayer() throws Exception {
        // float32: ONNX Runtime 1.23 fuses x·σ(x) into its QuickGelu, which has no double kernel.
        Model model = model(new Swish());
        Path file = folder.resolve("swish.onnx");
        OnnxExport.write(model, file);
        try (OrtRunner runtime = new OrtRunner(file)) {
            DMatrixRMaj inputs = Agreement.asFloats(inputs());
            Agreement.assertAgree(model.predict(inputs), (DMatrixRMaj) runtime.run(Map.of("input", inputs)).get("output"),
                    Precision.FLOAT32);
        }
    }

    @Test
    void anExporterPassedInTheOptionsWritesTheLayer() throws Exception {
        Model model = model(new Doubler());
        Path file = folder.resolve("doubler.onnx");
        OnnxExport.write(model, file, OnnxOptions.defaults().withPrecision(Precision.FLOAT64).withExporter(
                LayerExporter.of(Doubler.class, (layer, graph, input) ->
                        graph.node("Mul", Map.of(), input, graph.scalar("two", 2)))));
        try (OrtRunner runtime = new OrtRunner(file)) {
            DMatrixRMaj inputs = inputs();
            Agreement.assertAgree(model.predict(inputs), (DMatrixRMaj) runtime.run(Map.of("input", inputs)).get("output"),
                    Precision.FLOAT64);
        }
    }

    @Test
    void aLayerWithoutAnExporterIsNamedAndLeavesNoFile() throws Exception {
        Path file = folder.resolve("doubler.onnx");
        OnnxExportException error = assertThrows(OnnxExportException.class,
                () -> OnnxExport.write(model(new Doubler()), file));
        assertTrue(error.getMessage().contains("Cannot export Doubler (" + Doubler.class.getName() + ")"),
                error.getMessage());
        assertTrue(error.getMessage().contains("META-INF/services/dev.backprop.onnx.LayerExporterProvider"),
                error.getMessage());
        assertFalse(Files.exists(file));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void aFailedExportKeepsTheFileThatWasThere() throws Exception {
        Path file = folder.resolve("model.onnx");
        OnnxExport.write(model(new Swish()), file);
        byte[] before = Files.readAllBytes(file);
        assertThrows(OnnxExportException.class, () -> OnnxExport.write(model(new Doubler()), file));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
    }

    @Test
    void classNamesMustMatchTheOutputs() {
        OnnxExportException error = assertThrows(OnnxExportException.class, () -> OnnxExport.bytes(model(new Swish()),
                OnnxOptions.defaults().withClassNames(List.of("a", "b", "c"))));
        assertEquals("3 class names for a network with 2 outputs", error.getMessage());
    }

    @Test
    void anOpsetOutsideTheSupportedRangeIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OnnxOptions.defaults().withOpset(12));
        assertEquals("ONNX opset 12 is not supported: use 13 to 21", error.getMessage());
    }
}
