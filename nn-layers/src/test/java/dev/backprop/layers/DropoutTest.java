package dev.backprop.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void dropsAboutTheRateAndScalesTheSurvivors() {
        Dropout dropout = new Dropout(0.25, 3);
        DMatrixRMaj ones = new DMatrixRMaj(200, 100);
        CommonOps_DDRM.fill(ones, 1);
        DMatrixRMaj out = dropout.forward(ones);
        int dropped = 0;
        for (double v : out.data) {
            assertTrue(v == 0 || v == 1 / 0.75, "value " + v);
            dropped += v == 0 ? 1 : 0;
        }
        // 20 000 Bernoulli(0.25) draws: the standard deviation of the count is about 61.
        assertEquals(5000, dropped, 250);
        DMatrixRMaj grad = dropout.backward(ones);
        assertArrayEquals(out.data, grad.data, 0.0);
    }

    @Test
    void theSameSeedGivesTheSameMasks() {
        DMatrixRMaj x = EveryComponentGradientTest.uniform(10, 10, -1, 1, 1);
        DMatrixRMaj first = new Dropout(0.5, 9).forward(x).copy();
        assertArrayEquals(first.data, new Dropout(0.5, 9).forward(x).data, 0.0);
        Dropout reseeded = new Dropout(0.5, 1);
        reseeded.reseed(9);
        assertArrayEquals(first.data, reseeded.forward(x).data, 0.0);
    }

    @Test
    void isTheIdentityOutsideTraining() {
        Dropout dropout = new Dropout(0.9);
        dropout.setTraining(false);
        DMatrixRMaj x = EveryComponentGradientTest.uniform(3, 4, -1, 1, 1);
        assertArrayEquals(x.data, dropout.forward(x).data, 0.0);
        assertArrayEquals(x.data, dropout.backward(x).data, 0.0);
    }

    @Test
    void badRatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN));
    }
}
