package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.core.Sequential;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.optim.SGD;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The numbers the seed (the book's chapter 9) prints, reproduced with the library's parts. */
class SeedChapter9Test {

    /** One ReLU neuron: Dense(n, 1) holding w as its single column, then ReLU. */
    private static Sequential neuron(double[] w, double b) {
        Dense dense = new Dense(w.length, 1, weights -> weights.setData(w.clone()));
        dense.biases().value().set(0, 0, b);
        return new Sequential(dense, new ReLU());
    }

    @Test
    void theSixInputNeuronForwardAndItsPartialDerivatives() {
        double[] x = {2.0, -2.0, 1.0, 5.4, 2.3, 1.1};
        double[] w = {-3.0, -1.0, 2.0, 2.2, -1.0, -2.0};
        Sequential neuron = neuron(w, 1.0);
        DMatrixRMaj y = neuron.forward(new DMatrixRMaj(1, 6, true, x));
        assertEquals(6.380000000000003, y.get(0, 0), 0.0);

        DMatrixRMaj dx = neuron.backward(new DMatrixRMaj(new double[][] {{1.0}}));
        Dense dense = (Dense) neuron.layers().get(0);
        // drelu_dx = w, drelu_dw = x, drelu_db = 1.
        assertArrayEquals(w, dx.data, 0.0);
        assertArrayEquals(x, dense.weights().grad().data, 0.0);
        assertEquals(1.0, dense.biases().grad().get(0, 0), 0.0);
    }

    @Test
    void oneSgdStepLowersTheThreeInputNeuronsOutputTo5985() {
        Sequential neuron = neuron(new double[] {-3.0, -1.0, 2.0}, 1.0);
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1.0, -2.0, 3.0}});
        assertEquals(6.0, neuron.forward(x).get(0, 0), 0.0);
        neuron.backward(new DMatrixRMaj(new double[][] {{1.0}}));
        new SGD(0.001).step(neuron.parameters());

        Dense dense = (Dense) neuron.layers().get(0);
        assertArrayEquals(new double[] {-3.001, -0.998, 1.997}, dense.weights().value().data, 0.0);
        assertEquals(0.999, dense.biases().value().get(0, 0), 0.0);
        assertEquals(5.985, neuron.forward(x).get(0, 0), 0.0);
    }

    @Test
    void theBatchedInputGradientIsDvaluesTimesTheTransposedWeights() {
        // Three neurons of four inputs, stored transposed (4 × 3) as the seed does.
        double[][] neurons = {{0.2, 0.8, -0.5, 1}, {0.5, -0.91, 0.26, -0.5}, {-0.26, -0.27, 0.17, 0.87}};
        Dense dense = new Dense(4, 3, weights -> {
            for (int n = 0; n < 3; n++) {
                for (int i = 0; i < 4; i++) {
                    weights.set(i, n, neurons[n][i]);
                }
            }
        });
        dense.forward(new DMatrixRMaj(1, 4));
        DMatrixRMaj dinputs = dense.backward(new DMatrixRMaj(new double[][] {{1.0, 1.0, 1.0}}));
        // NumPy prints [ 0.44 -0.38 -0.07  1.37]; its doubles, from np.dot, are these.
        assertArrayEquals(new double[] {0.43999999999999995, -0.38, -0.06999999999999998, 1.37}, dinputs.data, 0.0);
    }
}
