package dev.backprop.blas;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;

import dev.backprop.core.GemmBackend;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix products by OpenBLAS's {@code cblas_dgemm}, from the native library that
 * {@code org.bytedeco:openblas} ships inside its jar: no system package is needed. Row-major
 * operands go in as they are, with their row length as leading dimension.
 *
 * <p>Registered with {@link java.util.ServiceLoader}; {@link dev.backprop.core.Gemm} uses it when
 * it is faster than EJML on this machine, or when {@code -Dbackprop.gemm=openblas} asks for it.
 */
public final class OpenBlasGemm implements GemmBackend {

    /** Loads the native library; fails here, not at the first product, if it cannot. */
    public OpenBlasGemm() {
        org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas.class);
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public void multiply(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0, a.data, Math.max(1, a.numCols), b.data, Math.max(1, b.numCols), 0.0, c.data,
                Math.max(1, n));
    }
}
