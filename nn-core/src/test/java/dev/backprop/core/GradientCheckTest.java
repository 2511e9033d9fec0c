package dev.backprop.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    private static final DMatrixRMaj INPUT = new DMatrixRMaj(new double[][] {
        {0.5, -1.2, 2.0}, {1.5, 0.3, -0.7}
    });

    @Test
    void aCorrectLayerPasses() {
        double error = GradientCheck.maxRelativeError(ColumnScale.plain(0.9, -1.1, 0.4), INPUT, 1);
        assertTrue(error < 1e-7, "error " + error);
    }

    @Test
    void aWrongInputGradientIsCaughtAndLocated() {
        ColumnScale wrong = new ColumnScale(new double[] {0.9, -1.1, 0.4}, 0, false, 0.01);
        GradientCheck.Result result = GradientCheck.check(wrong, INPUT, 1);
        // A 1% error in dX gives |a − n| / (|a| + |n|) = 0.01 / 2.01.
        assertEquals(0.01 / 2.01, result.maxRelativeError(), 1e-6);
        assertTrue(result.worstEntry().startsWith("input["), result.worstEntry());
    }

    @Test
    void aMissingRegularizationGradientIsCaught() {
        ColumnScale layer = new ColumnScale(new double[] {0.9, -1.1, 0.4}, 0.1, false, 0);
        assertTrue(GradientCheck.maxRelativeError(layer, INPUT, 1) < 1e-7);

        ColumnScale withoutPenaltyGradient = new ColumnScale(new double[] {0.9, -1.1, 0.4}, 0.1, false, 0) {
            @Override
            public double regularizationLoss() {
                return 2 * super.regularizationLoss();
            }
        };
        GradientCheck.Result result = GradientCheck.check(withoutPenaltyGradient, INPUT, 1);
        assertTrue(result.maxRelativeError() > 1e-3, "error " + result.maxRelativeError());
        assertTrue(result.worstEntry().startsWith("scale (parameter 0)["), result.worstEntry());
    }

    @Test
    void stochasticLayersSeeTheSameNoiseInEveryEvaluation() {
        ColumnScale noisy = new ColumnScale(new double[] {0.9, -1.1, 0.4}, 0, true, 0);
        assertTrue(GradientCheck.maxRelativeError(noisy, INPUT, 3) < 1e-7);
    }

    @Test
    void theLossVariantChecksLossAndLayerTogether() {
        DMatrixRMaj targets = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 1}});
        Sequential model = new Sequential(ColumnScale.plain(0.9, -1.1, 0.4), ColumnScale.plain(1.3, 0.2, -0.8));
        assertTrue(GradientCheck.maxRelativeError(model, new SumOfSquares(), INPUT, targets) < 1e-7);

        Sequential wrong = new Sequential(
                ColumnScale.plain(0.9, -1.1, 0.4), new ColumnScale(new double[] {1.3, 0.2, -0.8}, 0, false, 0.05));
        assertTrue(GradientCheck.maxRelativeError(wrong, new SumOfSquares(), INPUT, targets) > 1e-3);
    }

    @Test
    void theCallersInputAndTheParametersAreLeftAsTheyWere() {
        DMatrixRMaj input = INPUT.copy();
        ColumnScale layer = ColumnScale.plain(0.9, -1.1, 0.4);
        GradientCheck.maxRelativeError(layer, input, 1);
        assertArrayEquals(INPUT.data, input.data, 0.0);
        assertArrayEquals(new double[] {0.9, -1.1, 0.4}, layer.parameters().get(0).value().data, 0.0);
    }

    @Test
    void anEmptyInputIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.maxRelativeError(ColumnScale.plain(1), new DMatrixRMaj(0, 1), 1));
    }
}
