package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Initializer;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The README's twenty lines, as written there, so that they keep compiling and working. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleTrains() {
        double last = Double.NaN;
        // --- README ---
        NumpyRandom random = new NumpyRandom(0);                 // NumPy's np.random.seed(0) stream
        Spiral data = Spiral.generate(100, 3, random);           // the book's spiral_data(100, 3)

        Sequential model = new Sequential(
                new Dense(2, 64, Initializer.scaledNormal(0.01, random)),
                new ReLU(),
                new Dense(64, 3, Initializer.scaledNormal(0.01, random)));
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();    // softmax + cross-entropy, fused
        Adam adam = Adam.builder().learningRate(0.05).decay(5e-7).build();

        for (int epoch = 0; epoch <= 10_000; epoch++) {
            double value = loss.forward(model.forward(data.inputs()), data.labels());
            model.backward(loss.backward());                     // fills every parameter's gradient
            adam.step(model.parameters());                       // w += -lr · m̂ / (√v̂ + ε)
            if (epoch % 1000 == 0) {
                System.out.printf("epoch %d, loss %.3f%n", epoch, value);
            }
            last = value;
        }
        DMatrixRMaj probabilities = loss.probabilities();       // one row per sample
        // --- end ---
        assertEquals(300, probabilities.numRows);
        assertTrue(last < 0.1, "final loss " + last);
        assertTrue(SpiralExample.accuracy(probabilities, data.labels()) > 0.95);
    }
}
