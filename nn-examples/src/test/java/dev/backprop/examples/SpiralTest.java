package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.core.NumpyRandom;
import org.junit.jupiter.api.Test;

class SpiralTest {

    @Test
    void seedZeroGivesTheBooksArraysInFloat32() {
        Spiral spiral = Spiral.generate(100, 3, new NumpyRandom(0));
        assertEquals(300, spiral.inputs().numRows);
        assertEquals(2, spiral.inputs().numCols);
        // The book stores float32; our doubles must round to exactly its values (NumPy's float32
        // repr; the book's reference rounds some to 7 digits, 0.002995557 and 0.01288097).
        assertEquals(0.0029955567f, (float) spiral.inputs().get(1, 0));
        assertEquals(0.009646608f, (float) spiral.inputs().get(1, 1));
        assertEquals(0.012880969f, (float) spiral.inputs().get(2, 0));
        assertEquals(0.015562848f, (float) spiral.inputs().get(2, 1));
        assertEquals(-0.7005848f, (float) spiral.inputs().get(99, 0));
        assertEquals(-0.71356916f, (float) spiral.inputs().get(99, 1));
        assertEquals(-0.9427888f, (float) spiral.inputs().get(299, 0));
        assertEquals(0.33339068f, (float) spiral.inputs().get(299, 1));
        assertEquals(0.0, spiral.labels().get(99, 0));
        assertEquals(1.0, spiral.labels().get(100, 0));
        assertEquals(2.0, spiral.labels().get(299, 0));
    }

    @Test
    void tooFewSamplesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Spiral.generate(1, 3, new NumpyRandom(0)));
    }
}
