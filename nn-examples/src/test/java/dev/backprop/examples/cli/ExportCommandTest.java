package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.Model;
import dev.backprop.data.BookDatasets;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backprop export}: the deep preset's network (BatchNorm, dropout) in ONNX Runtime, and the command's errors. */
class ExportCommandTest {

    @TempDir
    Path folder;

    private Path deepSpiralModel() {
        Path model = folder.resolve("deep.bpz");
        BackpropCommandTest.Run run = BackpropCommandTest.run("train", "--dataset", "spiral", "--preset", "deep",
                "--epochs", "3", "--save", model.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        return model;
    }

    @Test
    void theDeepPresetRunsInOnnxRuntimeAsInJava() throws Exception {
        Path model = deepSpiralModel();
        Model trained = ModelFile.load(model);
        DMatrixRMaj inputs = BookDatasets.spiral(400, 3, new NumpyRandom(5)).inputs(); // 1 200 points
        DMatrixRMaj expected = trained.predict(inputs);
        for (String precision : new String[] {"float64", "float32"}) {
            Path onnx = folder.resolve("deep-" + precision + ".onnx");
            BackpropCommandTest.Run export = BackpropCommandTest.run("export", "--model", model.toString(), "--output",
                    onnx.toString(), "--precision", precision, "--summary");
            assertEquals(0, export.exitCode(), export.err());
            assertTrue(export.out().contains("BatchNormalization=2"), export.out());
            assertTrue(export.out().contains("output label"), export.out());
            assertTrue(export.out().contains("metadata backprop.recipe = "), export.out());
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession session = environment.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
                long[] shape = {inputs.numRows, inputs.numCols};
                double tolerance;
                OnnxTensor tensor;
                if (precision.equals("float64")) {
                    tensor = OnnxTensor.createTensor(environment, DoubleBuffer.wrap(inputs.data), shape);
                    tolerance = 1e-12;
                } else {
                    float[] floats = new float[inputs.data.length];
                    for (int i = 0; i < floats.length; i++) {
                        floats[i] = (float) inputs.data[i];
                    }
                    tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(floats), shape);
                    tolerance = 1e-5;
                }
                try (tensor; OrtSession.Result result = session.run(Map.of("input", tensor))) {
                    OnnxTensor output = (OnnxTensor) result.get("output").orElseThrow();
                    double worst = 0;
                    for (int i = 0; i < expected.data.length; i++) {
                        double actual = precision.equals("float64") ? output.getDoubleBuffer().get(i)
                                : output.getFloatBuffer().get(i);
                        worst = Math.max(worst, Math.abs(actual - expected.data[i])); // probabilities: scale 1
                    }
                    assertTrue(worst <= tolerance, precision + ": worst difference " + worst);
                    String[] labels = (String[]) result.get("label").orElseThrow().getValue();
                    assertEquals(inputs.numRows, labels.length);
                    assertTrue(java.util.Set.of("0", "1", "2").containsAll(java.util.List.of(labels)));
                }
            }
        }
    }

    @Test
    void aPrecisionOrOpsetItCannotWriteIsAUsageError() {
        Path model = deepSpiralModel();
        BackpropCommandTest.Run precision = BackpropCommandTest.run("export", "--model", model.toString(), "--output",
                folder.resolve("m.onnx").toString(), "--precision", "float16");
        assertEquals(2, precision.exitCode());
        assertTrue(precision.err().contains("Unknown precision 'float16': use float64 or float32"), precision.err());
        BackpropCommandTest.Run opset = BackpropCommandTest.run("export", "--model", model.toString(), "--output",
                folder.resolve("m.onnx").toString(), "--opset", "9");
        assertEquals(2, opset.exitCode());
        assertTrue(opset.err().contains("ONNX opset 9 is not supported: use 13 to 21"), opset.err());
        assertTrue(!Files.exists(folder.resolve("m.onnx")));
    }

    @Test
    void inspectDescribesAnOnnxFile() {
        Path model = deepSpiralModel();
        Path onnx = folder.resolve("deep.onnx");
        assertEquals(0, BackpropCommandTest.run("export", "--model", model.toString(), "--output", onnx.toString())
                .exitCode());
        BackpropCommandTest.Run inspect = BackpropCommandTest.run("inspect", onnx.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("input  input                    float [N × 2]"), inspect.out());
        assertTrue(inspect.out().contains("output output                   float [N × 3]"), inspect.out());
    }
}
