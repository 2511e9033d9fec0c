package dev.backprop.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ParameterTest {

    @Test
    void theGradientStartsAtZeroWithTheValuesShape() {
        DMatrixRMaj value = new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Parameter parameter = new Parameter("weights", value);
        assertSame(value, parameter.value());
        assertEquals(2, parameter.grad().numRows);
        assertEquals(3, parameter.grad().numCols);
        assertArrayEquals(new double[6], parameter.grad().data, 0.0);
        assertEquals("weights 2×3", parameter.toString());
    }

    @Test
    void blankNamesAndEmptyValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Parameter(" ", new DMatrixRMaj(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Parameter("w", new DMatrixRMaj(0, 3)));
        assertThrows(NullPointerException.class, () -> new Parameter("w", null));
    }
}
