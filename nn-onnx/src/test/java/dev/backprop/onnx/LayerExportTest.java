package dev.backprop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.linalg.Precision;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.layers.BatchNorm;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Dropout;
import dev.backprop.layers.FeatureScale;
import dev.backprop.layers.LayerNorm;
import dev.backprop.layers.LeakyReLU;
import dev.backprop.layers.Linear;
import dev.backprop.layers.Mish;
import dev.backprop.layers.RangeClip;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SELU;
import dev.backprop.layers.Sigmoid;
import dev.backprop.layers.Softmax;
import dev.backprop.layers.Tanh;
import dev.backprop.optim.Adam;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LayerExportTest {

    @TempDir
    Path folder;

    /** Every built-in layer and activation in one trained network, so BatchNorm's running statistics are real. */
    static Model everyLayer() {
        Sequential network = new Sequential(new FeatureScale(6),
                new Dense(6, 16), BatchNorm.builder(16).build(), new ReLU(),
                new Dense(16, 16), new LeakyReLU(0.1), new Dropout(0.2, 3),
                new Dense(16, 16), new LayerNorm(16), new Tanh(),
                new Sequential(new Dense(16, 16), new Sigmoid()),
                new Dense(16, 12), new SELU(), new Dense(12, 12), new RangeClip(-0.5, 0.5), new Mish(), new Dense(12, 12), new Linear(),
                new Dense(12, 4), new Softmax());
        Model model = Model.builder(network).loss(new CategoricalCrossEntropy()).optimizer(new Adam(0.01)).build();
        NumpyRandom random = new NumpyRandom(7);
        DMatrixRMaj inputs = inputs(random, 512);
        DMatrixRMaj targets = new DMatrixRMaj(512, 1);
        for (int r = 0; r < 512; r++) {
            targets.data[r] = (inputs.get(r, 0) > 0 ? 1 : 0) + (inputs.get(r, 1) > 0.5 ? 2 : 0);
        }
        model.fit(Dataset.of(inputs, targets), FitOptions.builder().epochs(5).batchSize(32).seed(1).build());
        return model;
    }

    /** Inputs of several scales, as raw features are. */
    static DMatrixRMaj inputs(NumpyRandom random, int rows) {
        DMatrixRMaj inputs = new DMatrixRMaj(rows, 6);
        double[] scales = {1, 0.01, 100, 3, 1, 0.5};
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 6; c++) {
                inputs.set(r, c, random.nextGaussian() * scales[c]);
            }
        }
        return inputs;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void everyBuiltInLayerGivesWhatPredictGives(Precision precision) throws Exception {
        Model model = everyLayer();
        Path file = folder.resolve("layers.onnx");
        OnnxExport.write(model, file, OnnxOptions.defaults().withPrecision(precision).withClassNames(
                List.of("a", "b", "c", "d")));
        DMatrixRMaj inputs = inputs(new NumpyRandom(99), 1000);
        if (precision == Precision.FLOAT32) {
            inputs = Agreement.asFloats(inputs);
        }
        DMatrixRMaj expected = model.predict(inputs);
        try (OrtRunner runtime = new OrtRunner(file)) {
            Map<String, Object> outputs = runtime.run(Map.of("input", inputs));
            System.out.println(precision + " worst " + Agreement.worst(expected, (DMatrixRMaj) outputs.get("output")));
            Agreement.assertAgree(expected, (DMatrixRMaj) outputs.get("output"), precision);
            String[] labels = (String[]) outputs.get("label");
            assertEquals(1000, labels.length);
        }
    }
}
