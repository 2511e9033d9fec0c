package dev.backprop.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.core.Loss;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LossTest {

    private static final DMatrixRMaj SOFTMAX_OUTPUTS = new DMatrixRMaj(new double[][] {
        {0.7, 0.1, 0.2}, {0.1, 0.5, 0.4}, {0.02, 0.9, 0.08}
    });
    private static final DMatrixRMaj CLASS_TARGETS = new DMatrixRMaj(new double[][] {{0}, {1}, {1}});
    private static final DMatrixRMaj ONE_HOT = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}});

    @Test
    void categoricalCrossEntropyPrintsTheBooksNumber() {
        // The book, chapter 5: 0.38506088005216804 for both forms of targets.
        assertEquals(0.38506088005216804, new CategoricalCrossEntropy().forward(SOFTMAX_OUTPUTS, CLASS_TARGETS), 1e-16);
        assertEquals(0.38506088005216804, new CategoricalCrossEntropy().forward(SOFTMAX_OUTPUTS, ONE_HOT), 1e-16);
    }

    @Test
    void labelSmoothingIsPyTorchs() throws java.io.IOException {
        dev.backprop.core.Fixture torch = new dev.backprop.core.Fixture(LossTest.class, "torch_label_smoothing.txt");
        DMatrixRMaj logits = new DMatrixRMaj(6, 4, true, torch.doubles("logits"));
        for (String form : new String[] {"indices", "soft"}) {
            DMatrixRMaj targets = form.equals("indices") ? new DMatrixRMaj(6, 1, true, torch.doubles("indices"))
                    : new DMatrixRMaj(6, 4, true, torch.doubles("soft"));
            Softmax softmax = new Softmax();
            CategoricalCrossEntropy smoothed = CategoricalCrossEntropy.withLabelSmoothing(0.1);
            DMatrixRMaj probabilities = softmax.forward(logits);
            assertEquals(torch.doubles(form + "_loss")[0], smoothed.forward(probabilities, targets), 1e-14, form);
            assertArrayEquals(torch.doubles(form + "_gradient"), smoothed.backwardThrough(softmax).data, 1e-15, form);
            smoothed.forward(probabilities, targets);
            assertArrayEquals(torch.doubles(form + "_gradient"), softmax.backward(smoothed.backward()).data, 1e-14,
                    form + ", unfused");
        }
        dev.backprop.core.component.Components registry = dev.backprop.core.component.Components.registered();
        Loss again = registry.create(Loss.class, registry.describe(CategoricalCrossEntropy.withLabelSmoothing(0.1)), "t");
        assertEquals(0.1, ((CategoricalCrossEntropy) again).labelSmoothing());
        assertThrows(IllegalArgumentException.class, () -> CategoricalCrossEntropy.withLabelSmoothing(1));
    }

    @Test
    void aZeroProbabilityIsClipped() {
        DMatrixRMaj certainAndWrong = new DMatrixRMaj(new double[][] {{0, 1}});
        assertEquals(-Math.log(1e-7), new CategoricalCrossEntropy().forward(certainAndWrong, new DMatrixRMaj(new double[][] {{0}})), 1e-12);
        CategoricalCrossEntropy cce = new CategoricalCrossEntropy();
        cce.forward(certainAndWrong, new DMatrixRMaj(new double[][] {{0}}));
        assertArrayEquals(new double[] {-1e7, 0}, cce.backward().data, 1e-6);
    }

    @Test
    void theFusedGradientEqualsSoftmaxThenCrossEntropy() {
        // The book, chapter 9: both routes give the same dinputs for its softmax outputs.
        CategoricalCrossEntropy cce = new CategoricalCrossEntropy();
        Softmax softmax = new Softmax();
        DMatrixRMaj logits = SOFTMAX_OUTPUTS.copy();
        for (int i = 0; i < logits.data.length; i++) {
            logits.data[i] = Math.log(logits.data[i]);
        }
        cce.forward(softmax.forward(logits), CLASS_TARGETS);
        DMatrixRMaj separate = softmax.backward(cce.backward());
        SoftmaxCrossEntropy fused = new SoftmaxCrossEntropy();
        assertEquals(0.38506088005216804, fused.forward(logits, CLASS_TARGETS), 1e-15);
        DMatrixRMaj combined = fused.backward();
        assertArrayEquals(new double[] {-0.1, 0.1 / 3, 0.2 / 3, 0.1 / 3, -0.5 / 3, 0.4 / 3, 0.02 / 3, -0.1 / 3, 0.08 / 3},
                combined.data, 1e-15);
        assertArrayEquals(combined.data, separate.data, 1e-15);
        assertArrayEquals(SOFTMAX_OUTPUTS.data, fused.probabilities().data, 1e-15);
    }

    @Test
    void classWeightsWeightEachSamplesLossAndGradientFusedOrNot() {
        double[] weights = {2, 0.5, 1};
        CategoricalCrossEntropy weighted = new CategoricalCrossEntropy(weights);
        CategoricalCrossEntropy plain = new CategoricalCrossEntropy();
        double[] perSample = new double[3];
        for (int row = 0; row < 3; row++) {
            int target = (int) CLASS_TARGETS.data[row];
            perSample[row] = -Math.log(SOFTMAX_OUTPUTS.get(row, target)) * weights[target];
        }
        assertEquals((perSample[0] + perSample[1] + perSample[2]) / 3, weighted.forward(SOFTMAX_OUTPUTS, CLASS_TARGETS),
                1e-15);
        Softmax softmax = new Softmax();
        DMatrixRMaj logits = SOFTMAX_OUTPUTS.copy();
        for (int i = 0; i < logits.data.length; i++) {
            logits.data[i] = Math.log(logits.data[i]);
        }
        weighted.forward(softmax.forward(logits), CLASS_TARGETS);
        DMatrixRMaj separate = softmax.backward(weighted.backward()).copy();
        DMatrixRMaj fused = weighted.backwardThrough(softmax);
        assertArrayEquals(separate.data, fused.data, 1e-15);
        plain.forward(softmax.forward(logits), CLASS_TARGETS);
        DMatrixRMaj unweighted = plain.backwardThrough(softmax);
        for (int row = 0; row < 3; row++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(weights[(int) CLASS_TARGETS.data[row]] * unweighted.get(row, j), fused.get(row, j), 1e-15);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new CategoricalCrossEntropy(1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new CategoricalCrossEntropy(1, 2).forward(SOFTMAX_OUTPUTS, CLASS_TARGETS));
    }

    @Test
    void huberIsSquaredNearAndLinearFar() {
        HuberLoss huber = new HuberLoss(1);
        DMatrixRMaj predictions = new DMatrixRMaj(new double[][] {{0.5, 3}});
        DMatrixRMaj targets = new DMatrixRMaj(new double[][] {{0, 0}});
        // e = 0.5: 0.125; e = 3: 1·(3 − 0.5) = 2.5; mean over 2 outputs.
        assertEquals((0.125 + 2.5) / 2, huber.forward(predictions, targets), 1e-15);
        assertArrayEquals(new double[] {0.5 / 2, 1.0 / 2}, huber.backward().data, 1e-15);
    }

    @Test
    void binaryCrossEntropyAveragesOverOutputsAndSamples() {
        DMatrixRMaj p = new DMatrixRMaj(new double[][] {{0.9, 0.2}, {0.3, 0.6}});
        DMatrixRMaj t = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        assertEquals(0.2990011586691898, bce.forward(p, t), 1e-15);
        assertArrayEquals(new double[] {-1 / 0.9 / 4, 1 / 0.8 / 4, 1 / 0.7 / 4, -1 / 0.6 / 4}, bce.backward().data, 1e-15);
    }

    @Test
    void regressionLossesAndTheirGradients() {
        DMatrixRMaj p = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj t = new DMatrixRMaj(new double[][] {{0, 2}, {5, 3}});
        MeanSquaredError mse = new MeanSquaredError();
        assertEquals((1 + 0 + 4 + 1) / 4.0, mse.forward(p, t), 0.0);
        assertArrayEquals(new double[] {0.5, 0, -1, 0.5}, mse.backward().data, 0.0);
        MeanAbsoluteError mae = new MeanAbsoluteError();
        assertEquals((1 + 0 + 2 + 1) / 4.0, mae.forward(p, t), 0.0);
        // Moving ŷ against the gradient must bring it closer to y.
        assertArrayEquals(new double[] {0.25, 0, -0.25, 0.25}, mae.backward().data, 0.0);
    }

    @Test
    void classIndicesMustBeClassesOfThePredictions() {
        CategoricalCrossEntropy cce = new CategoricalCrossEntropy();
        assertEquals("CategoricalCrossEntropy: target 3.0 at row 2 is not a class index in [0, 3)",
                assertThrows(IllegalArgumentException.class,
                        () -> cce.forward(SOFTMAX_OUTPUTS, new DMatrixRMaj(new double[][] {{0}, {1}, {3}}))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().forward(SOFTMAX_OUTPUTS, new DMatrixRMaj(new double[][] {{0}, {1.5}, {1}})));
        assertEquals("CategoricalCrossEntropy: targets has shape 2×1, expected 3×1 class indices or 3×3 one-hot rows",
                assertThrows(IllegalArgumentException.class,
                        () -> cce.forward(SOFTMAX_OUTPUTS, new DMatrixRMaj(new double[][] {{0}, {1}}))).getMessage());
    }

    @Test
    void everyLossChecksItsArguments() {
        for (Loss loss : new Loss[] {
            new CategoricalCrossEntropy(), new SoftmaxCrossEntropy(), new BinaryCrossEntropy(),
            new MeanSquaredError(), new MeanAbsoluteError()
        }) {
            String name = loss.toString();
            assertThrows(IllegalStateException.class, loss::backward, name);
            assertThrows(IllegalArgumentException.class, () -> loss.forward(new DMatrixRMaj(0, 3), new DMatrixRMaj(0, 3)), name);
            assertEquals(name + ": targets has shape 3×2, expected 3×3",
                    assertThrows(IllegalArgumentException.class,
                            () -> loss.forward(SOFTMAX_OUTPUTS, new DMatrixRMaj(3, 2)), name).getMessage());
            DMatrixRMaj nanTargets = ONE_HOT.copy();
            nanTargets.set(1, 1, Double.NaN);
            assertEquals(name + ": targets holds NaN at row 1, column 1",
                    assertThrows(IllegalArgumentException.class, () -> loss.forward(SOFTMAX_OUTPUTS, nanTargets), name)
                            .getMessage());
        }
    }
}
