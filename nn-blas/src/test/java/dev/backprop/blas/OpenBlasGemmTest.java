package dev.backprop.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.linalg.Gemm;
import dev.backprop.core.linalg.GemmBackend;
import dev.backprop.core.linalg.Precision;
import java.util.ServiceLoader;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** OpenBLAS against EJML on random shapes, odd and degenerate ones included, in all four forms. */
class OpenBlasGemmTest {

    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 7, 1}, {7, 1, 1}, {1, 1, 9}, {3, 5, 7}, {13, 1, 17}, {128, 10, 128}, {129, 65, 33}, {64, 784, 3}
    };

    /**
     * The route the build expects: failsafe runs these tests again against the multi-release jar on
     * Java 22 and later and says so with {@code backprop.expectedRoute}; from the classes directory
     * (surefire) the Java 17 route is loaded on every Java.
     */
    @Test
    void productsTakeTheRouteOfThisJava() {
        String expected = System.getProperty("backprop.expectedRoute", "JavaCPP");
        assertTrue(OpenBlasGemm.route().startsWith(expected), OpenBlasGemm.route());
    }

    @Test
    void agreesWithEjmlOnEveryShapeAndTransposition() {
        assertEquals(4 * SHAPES.length, compareWithEjml(Form.DOUBLE, 1e-12));
    }

    @Test
    void float32ProductsAgreeWithEjmlToSinglePrecision() {
        // Each product sums k terms of size ~1, each rounded to float (relative 6e-8).
        assertEquals(4 * SHAPES.length, compareWithEjml(Form.FLOAT32, 2e-6));
    }

    /**
     * {@code c + op(a)·op(b)} in OpenBLAS's own pass ({@code beta = 1}) against EJML's product plus
     * {@code c}, on every shape and transposition; where k fits in one of OpenBLAS's blocks the sum
     * is rounded once, as the product then the sum would be.
     */
    @Test
    void addsProductsToWhatTheResultHolds() {
        OpenBlasGemm blas = new OpenBlasGemm();
        assertTrue(blas.supportsMultiplyAdd());
        assertEquals(4 * SHAPES.length, compareWithEjml(Form.ADD, 1e-12));
        DMatrixRMaj bias = new DMatrixRMaj(new double[][] {{0.25, -1}});
        DMatrixRMaj z = bias.copy();
        blas.multiplyAdd(new DMatrixRMaj(new double[][] {{2}}), false, new DMatrixRMaj(new double[][] {{3, 0.5}}), false, z);
        assertEquals(6.25, z.get(0, 0), 0.0);
        assertEquals(0.0, z.get(0, 1), 0.0);
    }

    /** In float32, {@code Gemm} adds the float product to the double matrix itself: the biases are not rounded to float. */
    @Test
    void float32ProductsAreAddedInDouble() {
        OpenBlasGemm blas = new OpenBlasGemm();
        Gemm gemm = Gemm.using(blas);
        NumpyRandom random = new NumpyRandom(7);
        DMatrixRMaj x = random.randn(128, 64);
        DMatrixRMaj w = random.randn(64, 32);
        DMatrixRMaj bias = random.randn(128, 32);
        bias.data[0] = 1 + 1e-12; // not a float
        DMatrixRMaj product = new DMatrixRMaj(128, 32);
        blas.multiplyFloat32(x, false, w, false, product);
        DMatrixRMaj sum = bias.copy();
        Gemm.callWith(Precision.FLOAT32, () -> {
            gemm.multiplyAdd(x, false, w, false, sum);
            return null;
        });
        for (int i = 0; i < sum.data.length; i++) {
            assertEquals(product.data[i] + bias.data[i], sum.data[i], 0.0, "element " + i);
        }
    }

    @Test
    void float32ProductsAreRoundedToFloat() {
        OpenBlasGemm blas = new OpenBlasGemm();
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1 + 1e-12}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{3}});
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        blas.multiply(a, false, b, false, c);
        assertEquals(3 + 3e-12, c.get(0, 0), 1e-15);
        blas.multiplyFloat32(a, false, b, false, c);
        assertEquals(3.0, c.get(0, 0), 0.0, "1 + 1e-12 is 1 in float");
    }

    /**
     * What {@code Dense} relies on to check its smaller side: a NaN or ±∞ in a row of X makes the
     * whole row of X·W non-finite, even against zero weights (no product term is skipped), in
     * double, in float32 and added to biases, on shapes that take both OpenBLAS's small and large kernels.
     */
    @Test
    void aNonFiniteInputSpoilsItsWholeRow() {
        OpenBlasGemm blas = new OpenBlasGemm();
        NumpyRandom random = new NumpyRandom(5);
        for (int[] shape : new int[][] {{4, 7, 3}, {128, 784, 128}, {300, 64, 3}}) {
            int m = shape[0];
            int k = shape[1];
            int n = shape[2];
            for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                DMatrixRMaj x = random.randn(m, k);
                int row = m / 2;
                x.set(row, k - 1, value);
                for (DMatrixRMaj w : new DMatrixRMaj[] {new DMatrixRMaj(k, n), random.randn(k, n)}) {
                    for (Form form : Form.values()) {
                        boolean float32 = form == Form.FLOAT32;
                        DMatrixRMaj z = new DMatrixRMaj(m, n);
                        if (float32) {
                            blas.multiplyFloat32(x, false, w, false, z);
                        } else if (form == Form.DOUBLE) {
                            blas.multiply(x, false, w, false, z);
                        } else {
                            blas.multiplyAdd(x, false, w, false, z); // as Dense adds X·W to its biases
                        }
                        for (int j = 0; j < n; j++) {
                            assertTrue(!Double.isFinite(z.get(row, j)), m + "×" + k + "·" + k + "×" + n + " with "
                                    + value + (float32 ? " in float32" : "") + ": column " + j + " is " + z.get(row, j));
                            assertTrue(Double.isFinite(z.get(row - 1, j)), "the row above stays finite");
                        }
                    }
                }
            }
        }
    }

    /** What {@link #compareWithEjml} checks: products in double, in float32, or added to a matrix. */
    private enum Form { DOUBLE, FLOAT32, ADD }

    private static int compareWithEjml(Form form, double tolerance) {
        OpenBlasGemm blas = new OpenBlasGemm();
        NumpyRandom random = new NumpyRandom(3);
        int checked = 0;
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int k = shape[1];
            int n = shape[2];
            for (boolean transposeA : new boolean[] {false, true}) {
                for (boolean transposeB : new boolean[] {false, true}) {
                    DMatrixRMaj a = transposeA ? random.randn(k, m) : random.randn(m, k);
                    DMatrixRMaj b = transposeB ? random.randn(n, k) : random.randn(k, n);
                    DMatrixRMaj expected = new DMatrixRMaj(m, n);
                    DMatrixRMaj actual = new DMatrixRMaj(m, n);
                    DMatrixRMaj left = transposeA ? CommonOps_DDRM.transpose(a, null) : a;
                    DMatrixRMaj right = transposeB ? CommonOps_DDRM.transpose(b, null) : b;
                    CommonOps_DDRM.mult(left, right, expected);
                    if (form == Form.FLOAT32) {
                        blas.multiplyFloat32(a, transposeA, b, transposeB, actual);
                    } else if (form == Form.DOUBLE) {
                        blas.multiply(a, transposeA, b, transposeB, actual);
                    } else {
                        DMatrixRMaj start = random.randn(m, n);
                        CommonOps_DDRM.addEquals(expected, start);
                        actual.setTo(start);
                        blas.multiplyAdd(a, transposeA, b, transposeB, actual);
                    }
                    double scale = form == Form.FLOAT32 ? Math.sqrt(k) : 1;
                    for (int i = 0; i < expected.getNumElements(); i++) {
                        assertEquals(expected.data[i], actual.data[i],
                                tolerance * scale * (1 + Math.abs(expected.data[i])),
                                m + "×" + k + "×" + n + " " + transposeA + " " + transposeB);
                    }
                    checked++;
                }
            }
        }
        return checked;
    }

    @Test
    void threadsPerProductAreReadAndSetOnEveryJava() {
        OpenBlasGemm blas = new OpenBlasGemm();
        int before = blas.threads();
        assertTrue(before >= 1, "OpenBLAS's threads: " + before);
        try {
            blas.threads(1);
            assertEquals(1, blas.threads());
            assertEquals(4 * SHAPES.length, compareWithEjml(Form.DOUBLE, 1e-12));
        } finally {
            blas.threads(before);
        }
        assertEquals(before, blas.threads());
        assertThrows(IllegalArgumentException.class, () -> blas.threads(0));
    }

    @Test
    void isFoundByServiceLoader() {
        boolean found = false;
        for (GemmBackend backend : ServiceLoader.load(GemmBackend.class)) {
            found |= backend.name().equals("openblas");
        }
        assertEquals(true, found);
    }
}
