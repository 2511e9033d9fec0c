package dev.backprop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.linalg.Precision;
import org.ejml.data.DMatrixRMaj;

/**
 * How close a runtime's outputs must be to {@code Model.predict}'s: each value within a relative
 * tolerance of the Java value, measured against the larger of the value and the largest value of its
 * row (so that a probability of 1e-9 beside one of 0.99 is held to the row's scale, not to its own
 * last digits): 1e-5 for a float32 graph, 1e-12 for a float64 graph.
 */
final class Agreement {

    private Agreement() {}

    static double tolerance(Precision precision) {
        return precision == Precision.FLOAT32 ? 1e-5 : 1e-12;
    }

    /** @return the largest error relative to each row's scale */
    static double worst(DMatrixRMaj expected, DMatrixRMaj actual) {
        return worst(expected, actual, 0);
    }

    /**
     * @param floor the smallest scale an error is measured against: the size of the terms a value is
     *     the difference of (a regression's target mean: a price near 0 is a difference of terms near 40,
     *     and carries their rounding)
     * @return the largest error relative to each row's scale, or the floor
     */
    static double worst(DMatrixRMaj expected, DMatrixRMaj actual, double floor) {
        assertEquals(expected.numRows, actual.numRows, "rows");
        assertEquals(expected.numCols, actual.numCols, "columns");
        double worst = 0;
        for (int r = 0; r < expected.numRows; r++) {
            double scale = floor;
            for (int c = 0; c < expected.numCols; c++) {
                scale = Math.max(scale, Math.abs(expected.get(r, c)));
            }
            for (int c = 0; c < expected.numCols; c++) {
                double e = expected.get(r, c);
                double error = Math.abs(actual.get(r, c) - e) / Math.max(Math.max(Math.abs(e), scale), Double.MIN_NORMAL);
                if (error > worst && Boolean.getBoolean("agreement.debug")) {
                    System.out.println("row " + r + " col " + c + " expected " + e + " actual " + actual.get(r, c));
                }
                worst = Math.max(worst, error);
            }
        }
        return worst;
    }

    static void assertAgree(DMatrixRMaj expected, DMatrixRMaj actual, Precision precision) {
        assertAgree(expected, actual, precision, 0);
    }

    static void assertAgree(DMatrixRMaj expected, DMatrixRMaj actual, Precision precision, double floor) {
        double worst = worst(expected, actual, floor);
        assertTrue(worst <= tolerance(precision), "worst relative error " + worst + " over " + expected.numRows
                + " rows, above " + tolerance(precision) + " for " + precision);
    }

    /** @return the matrix with each value rounded to float, the inputs a float32 graph sees */
    static DMatrixRMaj asFloats(DMatrixRMaj values) {
        DMatrixRMaj rounded = values.copy();
        for (int i = 0; i < rounded.data.length; i++) {
            rounded.data[i] = (float) rounded.data[i];
        }
        return rounded;
    }
}
