package dev.backprop.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ActivationTest {

    private static final DMatrixRMaj Z = new DMatrixRMaj(new double[][] {{-2, 0, 3}});

    @Test
    void reluAndItsGradientAreZeroAtAndBelowZero() {
        ReLU relu = new ReLU();
        assertArrayEquals(new double[] {0, 0, 3}, relu.forward(Z).data, 0.0);
        assertArrayEquals(new double[] {0, 0, 5}, relu.backward(new DMatrixRMaj(new double[][] {{5, 5, 5}})).data, 0.0);
    }

    /** Exactly the incoming gradient above zero, the tiniest subnormal included, and +0.0 at and below it. */
    @Test
    void reluGradientIsExactlyPassedOrZero() {
        ReLU relu = new ReLU();
        relu.forward(new DMatrixRMaj(new double[][] {{-2, -0.0, Double.MIN_VALUE, 3, -Double.MAX_VALUE, Double.POSITIVE_INFINITY}}));
        double[] dz = relu.backward(new DMatrixRMaj(new double[][] {{-5, -5, -5, -0.1, 7, -Double.MAX_VALUE}})).data;
        double[] expected = {0.0, 0.0, -5, -0.1, 0.0, -Double.MAX_VALUE};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], dz[i], "element " + i); // bit for bit: +0.0, never −0.0
        }
    }

    @Test
    void leakyReluKeepsASlopeBelowZero() {
        LeakyReLU leaky = new LeakyReLU(0.1);
        assertArrayEquals(new double[] {-0.2, 0, 3}, leaky.forward(Z).data, 1e-15);
        assertArrayEquals(new double[] {0.1, 0.1, 1}, leaky.backward(new DMatrixRMaj(new double[][] {{1, 1, 1}})).data, 1e-15);
        assertEquals(0.01 * -2, new LeakyReLU().forward(Z).get(0, 0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(2));
    }

    @Test
    void sigmoidIsStableForLargeInputs() {
        DMatrixRMaj out = new Sigmoid().forward(new DMatrixRMaj(new double[][] {{-800, 0, 800}}));
        assertArrayEquals(new double[] {0, 0.5, 1}, out.data, 0.0);
    }

    @Test
    void tanhAndLinear() {
        assertEquals(Math.tanh(3), new Tanh().forward(Z).get(0, 2), 0.0);
        Linear linear = new Linear();
        assertArrayEquals(Z.data, linear.forward(Z).data, 0.0);
    }

    @Test
    void seluAndMishAsPyTorchComputesThem() {
        // Python's math with the definitions of torch.nn.SELU and torch.nn.Mish.
        DMatrixRMaj z = new DMatrixRMaj(new double[][] {{2, -1, -800, 800}});
        assertArrayEquals(new double[] {2.101401974710961, -1.1113307378125625, -SELU.LAMBDA * SELU.ALPHA, 800 * SELU.LAMBDA},
                new SELU().forward(z).data, 1e-15);
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{1, -1, -800, 800}});
        assertArrayEquals(new double[] {MISH_ONE, MISH_MINUS_ONE, 0, 800}, new Mish().forward(w).data, 1e-15);
    }

    @Test
    void rangeClipPassesTrainingOutputsAndClipsAtInference() {
        RangeClip clip = new RangeClip(-1, 2);
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{-3, 0.5, 7}});
        assertArrayEquals(y.data, clip.forward(y).data, 0.0, "training: the network's own outputs");
        assertArrayEquals(new double[] {1, 1, 1}, clip.backward(new DMatrixRMaj(new double[][] {{1, 1, 1}})).data, 0.0);
        clip.setTraining(false);
        assertArrayEquals(new double[] {-1, 0.5, 2}, clip.forward(y).data, 0.0);
        assertThrows(IllegalArgumentException.class, () -> new RangeClip(1, 0));
    }

    private static final double MISH_ONE = 0.8650983882673103;
    private static final double MISH_MINUS_ONE = -0.30340146137410895;

    @Test
    void softmaxMatchesNumpyAndSurvivesLargeLogits() {
        DMatrixRMaj out = new Softmax().forward(new DMatrixRMaj(new double[][] {{1, 2, 3}, {-1, 0, 5}}));
        // From NumPy: exp(x − max) / sum.
        assertArrayEquals(new double[] {0.09003057317038043, 0.24472847105479767, 0.6652409557748218,
            0.0024561149044509535, 0.006676412513376451, 0.9908674725821726}, out.data, 1e-16);
        DMatrixRMaj huge = new Softmax().forward(new DMatrixRMaj(new double[][] {{1000, 1000}}));
        assertArrayEquals(new double[] {0.5, 0.5}, huge.data, 0.0);
    }

    @Test
    void softmaxBackwardIsTheFullJacobianProduct() {
        Softmax softmax = new Softmax();
        double[] s = softmax.forward(new DMatrixRMaj(new double[][] {{0.3, -1.2, 2.0}})).data.clone();
        double[] d = {0.5, -1.0, 2.0};
        double[] dz = softmax.backward(new DMatrixRMaj(1, 3, true, d)).data;
        for (int i = 0; i < 3; i++) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                expected += ((i == j ? s[i] : 0) - s[i] * s[j]) * d[j];
            }
            assertEquals(expected, dz[i], 1e-15);
        }
    }

    @Test
    void everyActivationChecksItsArguments() {
        for (BufferedActivation activation : new BufferedActivation[] {
            new ReLU(), new LeakyReLU(), new Sigmoid(), new Tanh(), new SELU(), new Mish(), new Softmax(), new Linear()
        }) {
            String name = activation.toString();
            assertThrows(IllegalStateException.class, () -> activation.backward(new DMatrixRMaj(1, 3)), name);
            assertThrows(IllegalArgumentException.class, () -> activation.forward(new DMatrixRMaj(0, 3)), name);
            activation.forward(Z);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> activation.backward(new DMatrixRMaj(2, 3)), name);
            assertEquals(name + ": gradOutput has shape 2×3, expected 1×3", error.getMessage());
        }
    }
}
