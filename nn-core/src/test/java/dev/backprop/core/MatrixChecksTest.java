package dev.backprop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MatrixChecksTest {

    @Test
    void messagesNameTheOwnerAndBothShapes() {
        assertEquals("Dense(2→3): input has shape 4×5, expected n×2",
                assertThrows(IllegalArgumentException.class,
                        () -> MatrixChecks.requireColumns("Dense(2→3)", "input", new DMatrixRMaj(4, 5), 2))
                        .getMessage());
        assertEquals("ReLU: gradOutput has shape 1×2, expected 3×2",
                assertThrows(IllegalArgumentException.class,
                        () -> MatrixChecks.requireBackwardFits("ReLU", new DMatrixRMaj(3, 2), new DMatrixRMaj(1, 2)))
                        .getMessage());
    }

    @Test
    void emptyBatchesAndNonFiniteValuesAreNamed() {
        assertEquals("Loss: targets is an empty batch (0×3)",
                assertThrows(IllegalArgumentException.class,
                        () -> MatrixChecks.requireNonEmpty("Loss", "targets", new DMatrixRMaj(0, 3)))
                        .getMessage());
        DMatrixRMaj withNaN = new DMatrixRMaj(new double[][] {{1, 2}, {3, Double.NaN}});
        assertEquals("Dense(2→3): input holds NaN at row 1, column 1",
                assertThrows(IllegalArgumentException.class,
                        () -> MatrixChecks.requireFinite("Dense(2→3)", "input", withNaN)).getMessage());
    }

    @Test
    void indexOfNonFiniteFindsTheFirstNaNOrInfinity() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(-1, MatrixChecks.indexOfNonFinite(m));
        m.set(1, 2, Double.NEGATIVE_INFINITY);
        assertEquals(5, MatrixChecks.indexOfNonFinite(m));
        m.set(0, 1, Double.NaN);
        assertEquals(1, MatrixChecks.indexOfNonFinite(m));
        m.set(0, 0, Double.POSITIVE_INFINITY);
        assertEquals(0, MatrixChecks.indexOfNonFinite(m));
        // Only the matrix's own entries count, not the spare end of a larger array.
        DMatrixRMaj shrunk = new DMatrixRMaj(new double[][] {{1, 2}, {3, Double.NaN}});
        shrunk.reshape(1, 2);
        assertEquals(-1, MatrixChecks.indexOfNonFinite(shrunk));
    }

    @Test
    void backwardBeforeForwardIsAnIllegalState() {
        assertThrows(IllegalStateException.class,
                () -> MatrixChecks.requireBackwardFits("ReLU", null, new DMatrixRMaj(1, 1)));
    }
}
