package dev.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** One or two steps of each optimizer against values computed by hand from the book's formulas. */
class OptimizerStepTest {

    private static Parameter parameter(double[] value, double[] grad) {
        Parameter parameter = new Parameter("w", new DMatrixRMaj(1, value.length, true, value.clone()));
        System.arraycopy(grad, 0, parameter.grad().data, 0, grad.length);
        return parameter;
    }

    @Test
    void sgdIsTheSeedsUpdateRule() {
        // The seed: w += -0.001 * dw with dw = x = [1, -2, 3], and b += -0.001 * 1.
        Parameter w = parameter(new double[] {-3.0, -1.0, 2.0}, new double[] {1.0, -2.0, 3.0});
        Parameter b = parameter(new double[] {1.0}, new double[] {1.0});
        new SGD(0.001).step(List.of(w, b));
        assertArrayEquals(new double[] {-3.001, -0.998, 1.997}, w.value().data, 0.0);
        assertArrayEquals(new double[] {0.999}, b.value().data, 0.0);
    }

    @Test
    void sgdMomentumWithDecayFollowsTheBook() {
        SGD sgd = SGD.builder().learningRate(1.0).decay(0.5).momentum(0.9).build();
        Parameter w = parameter(new double[] {1.0}, new double[] {0.5});
        sgd.step(List.of(w));
        // v = 0.9·0 − 1·0.5 = −0.5.
        assertEquals(0.5, w.value().data[0], 1e-15);
        sgd.step(List.of(w));
        // lr = 1 / (1 + 0.5·1); v = 0.9·(−0.5) − (2/3)·0.5.
        assertEquals(0.5 - 0.45 - 1.0 / 3, w.value().data[0], 1e-15);
    }

    @Test
    void nesterovStepsFromTheLookAhead() {
        Parameter w = parameter(new double[] {1.0}, new double[] {0.5});
        SGD.builder().learningRate(0.1).momentum(0.9).nesterov(true).build().step(List.of(w));
        // v = −0.05; w += 0.9·v − 0.1·0.5.
        assertEquals(1.0 - 0.045 - 0.05, w.value().data[0], 1e-15);
    }

    @Test
    void adaGradDividesByTheRootOfTheSumOfSquares() {
        Parameter w = parameter(new double[] {1.0, 2.0}, new double[] {0.5, -2.0});
        AdaGrad adaGrad = new AdaGrad(1.0);
        adaGrad.step(List.of(w));
        assertArrayEquals(new double[] {1.0 - 0.5 / (0.5 + 1e-7), 2.0 + 2.0 / (2.0 + 1e-7)}, w.value().data, 1e-15);
        adaGrad.step(List.of(w));
        assertEquals(1.0 - 0.5 / (0.5 + 1e-7) - 0.5 / (Math.sqrt(0.5) + 1e-7), w.value().data[0], 1e-15);
    }

    @Test
    void rmsPropKeepsAMovingAverage() {
        Parameter w = parameter(new double[] {1.0}, new double[] {0.5});
        new RMSProp(0.001).step(List.of(w));
        assertEquals(1.0 - 0.001 * 0.5 / (Math.sqrt(0.1 * 0.25) + 1e-7), w.value().data[0], 1e-15);
    }

    @Test
    void adamsFirstStepIsTheLearningRateTimesTheSign() {
        Parameter w = parameter(new double[] {1.0, 1.0}, new double[] {0.5, -3.0});
        new Adam(0.01).step(List.of(w));
        // m̂ = g and v̂ = g² after one step, so the step is lr·g / (|g| + ε).
        assertArrayEquals(new double[] {1.0 - 0.01 * 0.5 / (0.5 + 1e-7), 1.0 + 0.01 * 3.0 / (3.0 + 1e-7)},
                w.value().data, 1e-15);
    }

    @Test
    void adamWShrinksTheWeightsBeforeTheAdamStep() {
        Parameter w = parameter(new double[] {2.0}, new double[] {0.5});
        AdamW.builder().learningRate(0.01).weightDecay(0.1).build().step(List.of(w));
        assertEquals(2.0 * (1 - 0.01 * 0.1) - 0.01 * 0.5 / (0.5 + 1e-7), w.value().data[0], 1e-15);
    }

    @Test
    void theLearningRatesTheBookPrints() {
        // The book prints at epoch 10 000 the rate of step 9 999.
        assertEquals(0.04975126853296942, rateAfter(Adam.builder().learningRate(0.05).decay(5e-7).build(), 9999), 0.0);
        assertEquals(0.019900507413187767, rateAfter(Adam.builder().learningRate(0.02).decay(5e-7).build(), 9999), 0.0);
        assertEquals(0.03333444448148271, rateAfter(Adam.builder().learningRate(0.05).decay(5e-5).build(), 9999), 0.0);
        assertEquals(0.0009950253706593885, rateAfter(Adam.builder().decay(5e-7).build(), 9999), 0.0);
    }

    private static double rateAfter(GradientDescent optimizer, int steps) {
        for (int i = 0; i < steps; i++) {
            optimizer.step(List.of());
        }
        return optimizer.currentLearningRate();
    }

    @Test
    void stateIsKeptPerParameter() {
        SGD sgd = SGD.builder().learningRate(1.0).momentum(0.5).build();
        Parameter a = parameter(new double[] {0.0}, new double[] {1.0});
        Parameter b = parameter(new double[] {0.0, 0.0}, new double[] {2.0, 2.0});
        sgd.step(List.of(a));
        sgd.step(List.of(b));
        sgd.step(List.of(a));
        // a's velocity is its own: −1, then 0.5·(−1) − 1; b's first step carries none of it.
        assertEquals(-1 - 1.5, a.value().data[0], 0.0);
        assertArrayEquals(new double[] {-2, -2}, b.value().data, 0.0);
    }

    @Test
    void theBuildersKeepTheirOptionsAndTheBooksDefaults() {
        Adam adam = Adam.builder().learningRate(0.01).decay(5e-7).epsilon(1e-7).beta1(0.9).beta2(0.999).build();
        assertEquals(0.01, adam.learningRate());
        assertEquals(5e-7, adam.decay());
        assertEquals(1e-7, adam.epsilon());
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(0.001, Adam.builder().build().learningRate());
        assertEquals(1.0, SGD.builder().build().learningRate());
        assertEquals(0.0, SGD.builder().build().momentum());
        assertEquals(1.0, AdaGrad.builder().build().learningRate());
        assertEquals(1e-7, AdaGrad.builder().build().epsilon());
        assertEquals(0.001, RMSProp.builder().build().learningRate());
        assertEquals(0.9, RMSProp.builder().build().rho());
        assertEquals(0.01, AdamW.builder().build().weightDecay());
        assertEquals(0.9, SGD.builder().momentum(0.9).nesterov(true).build().momentum());
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SGD(0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SGD.builder().decay(-1));
        assertThrows(IllegalArgumentException.class, () -> SGD.builder().momentum(1.0));
        assertThrows(IllegalArgumentException.class, () -> SGD.builder().nesterov(true).build());
        assertThrows(IllegalArgumentException.class, () -> RMSProp.builder().rho(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Adam.builder().beta2(1.0));
        assertThrows(IllegalArgumentException.class, () -> AdaGrad.builder().epsilon(0));
        assertThrows(IllegalArgumentException.class, () -> AdamW.builder().weightDecay(-0.1));
    }
}
