package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.metrics.RegressionAccuracy;
import org.junit.jupiter.api.Test;

/** The book's arrays, from nnfs 0.5.1 under NumPy with seed 0. */
class BookDatasetsTest {

    @Test
    void spiralWithSeedZeroGivesTheBooksArraysInFloat32() {
        InMemoryDataset spiral = BookDatasets.spiral(100, 3, new NumpyRandom(0));
        assertEquals(300, spiral.size());
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
        assertEquals(0.0, spiral.targets().get(99, 0));
        assertEquals(1.0, spiral.targets().get(100, 0));
        assertEquals(2.0, spiral.targets().get(299, 0));
    }

    @Test
    void verticalDrawsTheXColumnBeforeTheYColumn() {
        InMemoryDataset vertical = BookDatasets.vertical(100, 3, new NumpyRandom(0));
        // NumPy, float64.
        assertEquals(0.1764052345967664, vertical.inputs().get(0, 0), 1e-16);
        assertEquals(0.6883150697056255, vertical.inputs().get(0, 1), 1e-16);
        assertEquals(0.3854398209786092, vertical.inputs().get(150, 0), 1e-15);
        assertEquals(0.4235856076093557, vertical.inputs().get(150, 1), 1e-15);
        assertEquals(0.6588811910725816, vertical.inputs().get(299, 0), 1e-15);
        assertEquals(0.4821410907912671, vertical.inputs().get(299, 1), 1e-15);
        assertEquals(1.0, vertical.targets().get(150, 0));
    }

    @Test
    void sineAndItsRegressionPrecision() {
        InMemoryDataset sine = BookDatasets.sine(1000);
        assertEquals(0.123, sine.inputs().get(123, 0), 0.0);
        assertEquals(0.6981654189934727, sine.targets().get(123, 0), 1e-15);
        assertEquals(0.0028284271247461905, RegressionAccuracy.forTargets(sine.targets()).precision(), 1e-17);
    }

    @Test
    void degenerateSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BookDatasets.spiral(1, 3, new NumpyRandom(0)));
        assertThrows(IllegalArgumentException.class, () -> BookDatasets.vertical(10, 0, new NumpyRandom(0)));
        assertThrows(IllegalArgumentException.class, () -> BookDatasets.sine(1));
    }
}
