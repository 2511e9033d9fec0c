package dev.backprop.core.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The start-up check {@link Gemm#choose} makes of a native backend: its products of every
 * transposition (and its sums of products and float32 products, where it has them) against the
 * reference's, on small matrices, in microseconds. No timing: the choice is the same on every run.
 */
final class BackendCheck {

    private BackendCheck() {}

    /** @return null if the backend's products agree with the reference's, else what is wrong */
    static String wrongIn(GemmBackend backend, GemmBackend reference) {
        int m = 37;
        int k = 29;
        int n = 23;
        for (int variant = 0; variant < 3; variant++) {
            boolean transposeA = variant == 1;
            boolean transposeB = variant == 2;
            DMatrixRMaj a = filled(transposeA ? k : m, transposeA ? m : k, 1);
            DMatrixRMaj b = filled(transposeB ? n : k, transposeB ? k : n, 2);
            DMatrixRMaj expected = new DMatrixRMaj(m, n);
            reference.multiply(a, transposeA, b, transposeB, expected);
            DMatrixRMaj c = new DMatrixRMaj(m, n);
            backend.multiply(a, transposeA, b, transposeB, c);
            if (!(maxError(c, expected) <= 1e-12)) {
                return "products";
            }
            if (backend.supportsMultiplyAdd()) {
                DMatrixRMaj sum = filled(m, n, 3);
                backend.multiplyAdd(a, transposeA, b, transposeB, sum);
                DMatrixRMaj start = filled(m, n, 3);
                for (int i = 0; i < expected.data.length; i++) {
                    start.data[i] += expected.data[i];
                }
                if (!(maxError(sum, start) <= 1e-12)) {
                    return "sums of products";
                }
            }
            if (backend.supportsFloat32()) {
                backend.multiplyFloat32(a, transposeA, b, transposeB, c);
                if (!(maxError(c, expected) <= 1e-4)) {
                    return "float32 products";
                }
            }
        }
        return null;
    }

    /** Values in (−1, 1) that differ everywhere, without a random generator. */
    private static DMatrixRMaj filled(int rows, int cols, int salt) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = Math.sin(1.7 * i + salt);
        }
        return m;
    }

    private static double maxError(DMatrixRMaj c, DMatrixRMaj expected) {
        double worst = 0;
        for (int i = 0; i < expected.getNumElements(); i++) {
            worst = Math.max(worst, Math.abs(c.data[i] - expected.data[i]) / (1 + Math.abs(expected.data[i])));
        }
        return worst;
    }
}
