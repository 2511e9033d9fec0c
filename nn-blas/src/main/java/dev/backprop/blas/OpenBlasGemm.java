package dev.backprop.blas;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import dev.backprop.core.linalg.GemmBackend;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix products by OpenBLAS's {@code cblas_dgemm} (and {@code cblas_sgemm} for float32
 * products), from the native library that {@code org.bytedeco:openblas} ships inside its jar: no
 * system package is needed. Row-major operands go in as they are, with their row length as
 * leading dimension.
 *
 * <p>The operands are copied into native buffers that each thread keeps and grows as needed, and
 * only the result is copied back: handing the Java arrays to the native call directly would have
 * JNI allocate, fill and copy back all three on every call, which costs about as much as the
 * product itself at the sizes of a small network.
 *
 * <p>Registered with {@link java.util.ServiceLoader}; {@link dev.backprop.core.linalg.Gemm} uses it when
 * it is faster than EJML on this machine, or when {@code -Dbackprop.gemm=openblas} asks for it.
 */
public final class OpenBlasGemm implements GemmBackend {

    private final ThreadLocal<NativeBuffers> buffers = ThreadLocal.withInitial(NativeBuffers::new);

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
        NativeBuffers native_ = buffers.get();
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0, native_.doubles(0, a), Math.max(1, a.numCols), native_.doubles(1, b),
                Math.max(1, b.numCols), 0.0, native_.doubleResult(m * n), Math.max(1, n));
        native_.readDoubles(c);
    }

    @Override
    public boolean supportsFloat32() {
        return true;
    }

    @Override
    public void multiplyFloat32(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        NativeBuffers native_ = buffers.get();
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0f, native_.floats(0, a), Math.max(1, a.numCols), native_.floats(1, b),
                Math.max(1, b.numCols), 0.0f, native_.floatResult(m * n), Math.max(1, n));
        native_.readFloats(c);
    }
}
