package dev.backprop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.core.Sequential;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.linalg.Precision;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.data.FashionMnist;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.Softmax;
import dev.backprop.optim.Adam;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The book's Fashion-MNIST model (784-128-128-10), trained a little, gives the same garments in ONNX Runtime. */
class FashionMnistExportTest {

    private static final Path DEBIAN = Path.of(FashionMnist.DEFAULT_DIRECTORY);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Precision.class)
    void theBooksModelAgreesOnTheTestImages(Precision precision) throws Exception {
        assumeTrue(FashionMnist.available(DEBIAN), "Debian's dataset-fashion-mnist is not installed");
        Model model = Model.builder(new Sequential(new Dense(784, 128), new ReLU(), new Dense(128, 128), new ReLU(),
                new Dense(128, 10), new Softmax())).loss(new CategoricalCrossEntropy()).optimizer(new Adam(0.001)).build();
        model.fit(FashionMnist.train(DEBIAN, 6000), FitOptions.builder().epochs(2).batchSize(128).seed(3).build());
        InMemoryDataset test = FashionMnist.test(DEBIAN, 2000);
        DMatrixRMaj images = precision == Precision.FLOAT32 ? Agreement.asFloats(test.inputs()) : test.inputs();
        DMatrixRMaj expected = model.predict(images);
        Path file = folder.resolve("fashion.onnx");
        OnnxExport.write(model, file, OnnxOptions.defaults().withPrecision(precision)
                .withClassNames(List.of(FashionMnist.CLASSES)));
        try (OrtRunner runtime = new OrtRunner(file)) {
            Map<String, Object> outputs = runtime.run(Map.of("input", images));
            Agreement.assertAgree(expected, (DMatrixRMaj) outputs.get("output"), precision);
            String[] garments = new String[expected.numRows];
            for (int r = 0; r < expected.numRows; r++) {
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    best = expected.get(r, c) > expected.get(r, best) ? c : best;
                }
                garments[r] = FashionMnist.CLASSES[best];
            }
            assertArrayEquals(garments, (String[]) outputs.get("label"));
        }
    }
}
