package dev.backprop.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DenseTest {

    @Test
    void shapesAndParameterCounts() {
        Dense dense = new Dense(784, 128);
        assertEquals(784, dense.weights().value().numRows);
        assertEquals(128, dense.weights().value().numCols);
        assertEquals(1, dense.biases().value().numRows);
        assertEquals(128, dense.biases().value().numCols);
        assertEquals(2, dense.parameters().size());
        assertSame(dense.weights(), dense.parameters().get(0));
        assertSame(dense.biases(), dense.parameters().get(1));
        assertEquals(784 * 128 + 128, dense.parameters().stream().mapToInt(p -> p.value().getNumElements()).sum());
        DMatrixRMaj out = dense.forward(new DMatrixRMaj(5, 784));
        assertEquals(5, out.numRows);
        assertEquals(128, out.numCols);
        assertEquals("Dense(784→128)", dense.toString());
    }

    @Test
    void forwardIsInputsTimesWeightsPlusBiases() {
        Dense dense = new Dense(2, 3, w -> w.setData(new double[] {1, 2, 3, 4, 5, 6}));
        dense.biases().value().setData(new double[] {0.5, -0.5, 1});
        DMatrixRMaj out = dense.forward(new DMatrixRMaj(new double[][] {{1, 0}, {2, -1}}));
        assertArrayEquals(new double[] {1.5, 1.5, 4, -1.5, -1.5, 1}, out.data, 0.0);
    }

    @Test
    void backwardGivesTheTransposedProducts() {
        Dense dense = new Dense(2, 3, w -> w.setData(new double[] {1, 2, 3, 4, 5, 6}));
        dense.forward(new DMatrixRMaj(new double[][] {{1, 0}, {2, -1}}));
        DMatrixRMaj dx = dense.backward(new DMatrixRMaj(new double[][] {{1, 0, 1}, {0, 2, 0}}));
        // dX = dZ·Wᵀ, dW = Xᵀ·dZ, db = column sums of dZ.
        assertArrayEquals(new double[] {4, 10, 4, 10}, dx.data, 0.0);
        assertArrayEquals(new double[] {1, 4, 1, 0, -2, 0}, dense.weights().grad().data, 0.0);
        assertArrayEquals(new double[] {1, 2, 1}, dense.biases().grad().data, 0.0);
    }

    @Test
    void backwardOverwritesGradientsAndBuffersFollowTheBatchSize() {
        Dense dense = new Dense(2, 1, w -> w.setData(new double[] {1, 1}));
        dense.forward(new DMatrixRMaj(new double[][] {{1, 1}, {1, 1}, {1, 1}}));
        dense.backward(new DMatrixRMaj(new double[][] {{1}, {1}, {1}}));
        dense.forward(new DMatrixRMaj(new double[][] {{2, 3}}));
        DMatrixRMaj dx = dense.backward(new DMatrixRMaj(new double[][] {{1}}));
        assertEquals(1, dx.numRows);
        assertArrayEquals(new double[] {2, 3}, dense.weights().grad().data, 0.0);
        assertArrayEquals(new double[] {1}, dense.biases().grad().data, 0.0);
    }

    /** Biases copied into every row of any batch size, and their gradients the column sums, as batches grow and shrink. */
    @Test
    void biasesAndTheirGradientsFollowEveryBatchSize() {
        NumpyRandom random = new NumpyRandom(6);
        Dense dense = new Dense(2, 64, Initializer.scaledNormal(1, random));
        dense.biases().value().setData(random.randn(1, 64).data);
        for (int rows : new int[] {300, 2, 301, 1}) {
            DMatrixRMaj x = random.randn(rows, 2);
            DMatrixRMaj z = dense.forward(x);
            DMatrixRMaj dz = random.randn(rows, 64);
            dense.backward(dz);
            double[] w = dense.weights().value().data;
            double[] b = dense.biases().value().data;
            double[] columnSums = new double[64];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < 64; j++) {
                    double expected = x.get(i, 0) * w[j] + x.get(i, 1) * w[64 + j] + b[j];
                    assertEquals(expected, z.get(i, j), 1e-15 * (1 + Math.abs(expected)), rows + " rows, (" + i + ", " + j + ")");
                    columnSums[j] += dz.get(i, j);
                }
            }
            assertArrayEquals(columnSums, dense.biases().grad().data, 1e-12, rows + " rows");
        }
    }

    @Test
    void aFirstLayerCanSkipItsInputGradient() {
        Dense dense = new Dense(2, 3, w -> w.setData(new double[] {1, 2, 3, 4, 5, 6}));
        dense.skipInputGradient(true);
        dense.forward(new DMatrixRMaj(new double[][] {{1, 0}, {2, -1}}));
        assertEquals(null, dense.backward(new DMatrixRMaj(new double[][] {{1, 0, 1}, {0, 2, 0}})));
        assertArrayEquals(new double[] {1, 4, 1, 0, -2, 0}, dense.weights().grad().data, 0.0);
        dense.skipInputGradient(false);
        assertArrayEquals(new double[] {4, 10, 4, 10},
                dense.backward(new DMatrixRMaj(new double[][] {{1, 0, 1}, {0, 2, 0}})).data, 0.0);
    }

    @Test
    void theBooksInitialisationIsNumpysRandnTimesScale() {
        Dense dense = new Dense(2, 3, Initializer.scaledNormal(0.01, new NumpyRandom(0)));
        assertEquals(0.01 * 1.764052345967664, dense.weights().value().get(0, 0), 0.0);
        assertEquals(0.01 * 0.4001572083672233, dense.weights().value().get(0, 1), 0.0);
        assertEquals(0.01 * 0.9787379841057392, dense.weights().value().get(0, 2), 0.0);
        assertArrayEquals(new double[3], dense.biases().value().data, 0.0);
    }

    @Test
    void glorotStaysWithinItsLimitAndHeHasItsVariance() {
        DMatrixRMaj glorot = new Dense(300, 100).weights().value();
        double limit = Math.sqrt(6.0 / 400);
        double sumSquares = 0;
        for (double w : glorot.data) {
            assertTrue(Math.abs(w) < limit);
            sumSquares += w * w;
        }
        // U(−l, l) has variance l²/3; 30 000 draws put the mean square within 2% of it.
        assertEquals(limit * limit / 3, sumSquares / glorot.data.length, 0.02 * limit * limit / 3);

        DMatrixRMaj he = new Dense(200, 150, Initializer.heNormal(new NumpyRandom(1))).weights().value();
        double heSquares = 0;
        for (double w : he.data) {
            heSquares += w * w;
        }
        assertEquals(2.0 / 200, heSquares / he.data.length, 0.02 * 2.0 / 200);
    }

    @Test
    void regularizationLossIsTheBooksSum() {
        Dense dense = Dense.builder(2, 2)
                .initializer(w -> w.setData(new double[] {1, -2, 0, 3}))
                .weightL1(0.1).weightL2(0.01).biasL1(0.2).biasL2(0.02)
                .build();
        dense.biases().value().setData(new double[] {-1, 2});
        assertEquals(0.1 * 6 + 0.01 * 14 + 0.2 * 3 + 0.02 * 5, dense.regularizationLoss(), 1e-15);

        dense.forward(new DMatrixRMaj(1, 2));
        dense.backward(new DMatrixRMaj(1, 2));
        // λ1·sign(w) with sign(0) = +1, plus 2·λ2·w; the data gradient is zero here.
        assertArrayEquals(new double[] {0.1 + 0.02, -0.1 - 0.04, 0.1, 0.1 + 0.06},
                dense.weights().grad().data, 1e-15);
        assertArrayEquals(new double[] {-0.2 - 0.04, 0.2 + 0.08}, dense.biases().grad().data, 1e-15);
    }

    @Test
    void badInputIsRejectedWithTheLayerAndBothShapes() {
        Dense dense = new Dense(2, 3);
        assertEquals("Dense(2→3): input has shape 4×5, expected n×2",
                assertThrows(IllegalArgumentException.class, () -> dense.forward(new DMatrixRMaj(4, 5))).getMessage());
        assertEquals("Dense(2→3): input is an empty batch (0×2)",
                assertThrows(IllegalArgumentException.class, () -> dense.forward(new DMatrixRMaj(0, 2))).getMessage());
        DMatrixRMaj nan = new DMatrixRMaj(new double[][] {{1, Double.NaN}});
        assertEquals("Dense(2→3): input holds NaN at row 0, column 1",
                assertThrows(IllegalArgumentException.class, () -> dense.forward(nan)).getMessage());
        assertThrows(IllegalStateException.class, () -> new Dense(2, 3).backward(new DMatrixRMaj(1, 3)));
        dense.forward(new DMatrixRMaj(4, 2));
        assertEquals("Dense(2→3): gradOutput has shape 4×2, expected 4×3",
                assertThrows(IllegalArgumentException.class, () -> dense.backward(new DMatrixRMaj(4, 2))).getMessage());
    }

    /**
     * A layer with fewer outputs than inputs reads its output for non-finite values, not its input:
     * every NaN or ±∞ in the input must still be found and named, even where the weights are zero
     * (∞·0 is NaN) or where +∞ and −∞ meet in one row.
     */
    @Test
    void narrowingLayerFindsEveryNonFiniteInput() {
        Dense zeros = new Dense(70, 3, w -> { });
        Dense glorot = new Dense(70, 3);
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Dense dense : List.of(zeros, glorot)) {
            for (double value : bad) {
                for (int[] at : new int[][] {{0, 0}, {5, 69}, {63, 17}}) {
                    DMatrixRMaj batch = new DMatrixRMaj(64, 70);
                    for (int i = 0; i < batch.data.length; i++) {
                        batch.data[i] = Math.sin(i);
                    }
                    batch.set(at[0], at[1], value);
                    assertEquals(dense + ": input holds " + value + " at row " + at[0] + ", column " + at[1],
                            assertThrows(IllegalArgumentException.class, () -> dense.forward(batch)).getMessage());
                }
            }
            DMatrixRMaj both = new DMatrixRMaj(2, 70);
            both.set(1, 3, Double.POSITIVE_INFINITY);
            both.set(1, 4, Double.NEGATIVE_INFINITY);
            assertEquals(dense + ": input holds Infinity at row 1, column 3",
                    assertThrows(IllegalArgumentException.class, () -> dense.forward(both)).getMessage());
        }
        // A finite input passes, and the output is X·W + b.
        DMatrixRMaj ones = new DMatrixRMaj(2, 70);
        java.util.Arrays.fill(ones.data, 1);
        DMatrixRMaj out = glorot.forward(ones);
        double expected = 0;
        for (int p = 0; p < 70; p++) {
            expected += glorot.weights().value().get(p, 2);
        }
        assertEquals(expected, out.get(1, 2), 1e-12);
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Dense(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Dense.builder(2, 3).weightL2(-1));
        assertThrows(IllegalArgumentException.class, () -> Dense.builder(2, 3).biasL1(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Initializer.scaledNormal(0, new NumpyRandom(0)));
        assertThrows(IllegalArgumentException.class,
                () -> new Dense(2, 2, w -> w.set(0, 0, Double.POSITIVE_INFINITY)));
    }
}
