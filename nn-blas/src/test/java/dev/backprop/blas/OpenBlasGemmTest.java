package dev.backprop.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.core.GemmBackend;
import dev.backprop.core.NumpyRandom;
import java.util.ServiceLoader;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** OpenBLAS against EJML on random shapes, odd and degenerate ones included, in all four forms. */
class OpenBlasGemmTest {

    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 7, 1}, {7, 1, 1}, {1, 1, 9}, {3, 5, 7}, {13, 1, 17}, {128, 10, 128}, {129, 65, 33}, {64, 784, 3}
    };

    @Test
    void agreesWithEjmlOnEveryShapeAndTransposition() {
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
                    blas.multiply(a, transposeA, b, transposeB, actual);
                    for (int i = 0; i < expected.getNumElements(); i++) {
                        assertEquals(expected.data[i], actual.data[i], 1e-12 * (1 + Math.abs(expected.data[i])),
                                m + "×" + k + "×" + n + " " + transposeA + " " + transposeB);
                    }
                    checked++;
                }
            }
        }
        assertEquals(4 * SHAPES.length, checked);
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
