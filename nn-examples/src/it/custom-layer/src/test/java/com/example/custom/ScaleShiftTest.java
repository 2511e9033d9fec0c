package com.example.custom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.GradientCheck;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.layers.Dense;
import dev.backprop.layers.MeanSquaredError;
import dev.backprop.layers.Tanh;
import dev.backprop.optim.Adam;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ScaleShiftTest {

    private static DMatrixRMaj uniform(int rows, int cols, long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.uniform(-1, 1);
        }
        return m;
    }

    @Test
    void passesTheGradientCheck() {
        ScaleShift layer = new ScaleShift(3);
        layer.parameters().get(0).value().setData(new double[] {0.5, -2.0, 1.5});
        layer.parameters().get(1).value().setData(new double[] {0.1, 0.2, -0.3});
        double error = GradientCheck.maxRelativeError(layer, uniform(4, 3, 1), 7);
        assertTrue(error < 1e-7, "relative error " + error);
        DMatrixRMaj input = uniform(2, 3, 3);
        // snippet extending: the gradient check
        double check = GradientCheck.maxRelativeError(new ScaleShift(3), input, 42);
        assert check < 1e-7;   // a correct layer gives about 1e-9 in double; a wrong one above 1e-3
        // end snippet
        assertTrue(check < 1e-7, "a fresh layer: " + check);
    }

    @Test
    void trainsInAModel() {
        DMatrixRMaj x = uniform(64, 1, 2);
        DMatrixRMaj y = new DMatrixRMaj(64, 1);
        for (int i = 0; i < 64; i++) {
            y.data[i] = 3 * Math.sin(2 * x.data[i]) + 1;
        }
        Sequential model = new Sequential(new Dense(1, 16), new Tanh(), new Dense(16, 1), new ScaleShift(1));
        MeanSquaredError mse = new MeanSquaredError();
        Adam adam = new Adam(0.02);
        double first = mse.forward(model.forward(x), y);
        double loss = first;
        for (int step = 0; step < 2000; step++) {
            loss = mse.forward(model.forward(x), y);
            model.backward(mse.backward());
            adam.step(model.parameters());
        }
        assertTrue(loss < 0.01 * first, "loss " + first + " -> " + loss);
    }
}
