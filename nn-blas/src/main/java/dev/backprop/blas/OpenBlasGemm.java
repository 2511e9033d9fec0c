package dev.backprop.blas;

import dev.backprop.core.linalg.GemmBackend;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix products by OpenBLAS's {@code cblas_dgemm} (and {@code cblas_sgemm} for float32
 * products), from the native library that {@code org.bytedeco:openblas} ships inside its jar: no
 * system package is needed. Row-major operands go in as they are, with their row length as
 * leading dimension.
 *
 * <p>On Java 22 and later the Java arrays themselves are the operands (the foreign function API,
 * from the multi-release part of this jar); on Java 17 to 21 they are copied into native buffers each
 * thread keeps, and the result copied back. {@link #route()} says which.
 *
 * <p>Registered with {@link java.util.ServiceLoader}; {@link dev.backprop.core.linalg.Gemm} uses it when
 * its products agree with EJML's, or when {@code -Dbackprop.gemm=openblas} asks for it.
 */
public final class OpenBlasGemm implements GemmBackend {

    /** Loads the native library; fails here, not at the first product, if it cannot. */
    public OpenBlasGemm() {
        org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas.class);
    }

    /** @return how products reach OpenBLAS on this Java version: copies through JavaCPP, or no copies */
    public static String route() {
        return Products.route();
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public void multiply(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        Products.dgemm(a, transposeA, b, transposeB, c);
    }

    /** @return true: OpenBLAS adds the product to the result in its own pass ({@code beta = 1}) */
    @Override
    public boolean supportsMultiplyAdd() {
        return true;
    }

    @Override
    public void multiplyAdd(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        Products.dgemmAdd(a, transposeA, b, transposeB, c);
    }

    @Override
    public boolean supportsFloat32() {
        return true;
    }

    @Override
    public void multiplyFloat32(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        Products.sgemm(a, transposeA, b, transposeB, c);
    }

    /** @return OpenBLAS's threads per product */
    @Override
    public int threads() {
        return Products.threads();
    }

    /** Sets OpenBLAS's threads per product, for the whole process. */
    @Override
    public void threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Products.threads(threads);
    }
}
