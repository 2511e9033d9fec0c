package com.example.custom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.linalg.Precision;
import dev.backprop.core.train.Model;
import dev.backprop.layers.Dense;
import dev.backprop.layers.MeanSquaredError;
import dev.backprop.layers.Tanh;
import dev.backprop.onnx.OnnxExport;
import dev.backprop.onnx.OnnxOptions;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This project's layer exports itself through its registered exporter, and ONNX Runtime agrees with Java. */
class ScaleShiftOnnxTest {

    @TempDir
    Path folder;

    @Test
    void aModelWithTheUsersLayerRunsInOnnxRuntime() throws Exception {
        ScaleShift scaleShift = new ScaleShift(4);
        scaleShift.parameters().get(0).value().setData(new double[] {0.5, -2.0, 1.5, 3.0});
        scaleShift.parameters().get(1).value().setData(new double[] {0.1, 0.2, -0.3, 7.0});
        Model model = Model.builder(new Sequential(new Dense(3, 4), new Tanh(), scaleShift, new Dense(4, 2)))
                .loss(new MeanSquaredError()).build();
        Path file = folder.resolve("scale-shift.onnx");
        OnnxExport.write(model, file, OnnxOptions.defaults().withPrecision(Precision.FLOAT64));

        NumpyRandom random = new NumpyRandom(4);
        DMatrixRMaj inputs = new DMatrixRMaj(1000, 3);
        for (int i = 0; i < inputs.data.length; i++) {
            inputs.data[i] = random.uniform(-3, 3);
        }
        DMatrixRMaj expected = model.predict(inputs);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(file.toString(), new OrtSession.SessionOptions());
                OnnxTensor tensor = OnnxTensor.createTensor(environment, DoubleBuffer.wrap(inputs.data),
                        new long[] {1000, 3});
                OrtSession.Result result = session.run(Map.of("input", tensor))) {
            DoubleBuffer output = ((OnnxTensor) result.get("output").orElseThrow()).getDoubleBuffer();
            double worst = 0;
            for (int i = 0; i < expected.data.length; i++) {
                worst = Math.max(worst, Math.abs(output.get(i) - expected.data[i]) / Math.max(1, Math.abs(expected.data[i])));
            }
            assertTrue(worst < 1e-12, "worst relative difference " + worst);
        }
    }
}
