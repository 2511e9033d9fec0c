package dev.backprop.blas;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;

import dev.backprop.core.GemmBackend;
import org.bytedeco.javacpp.DoublePointer;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix products by OpenBLAS's {@code cblas_dgemm}, from the native library that
 * {@code org.bytedeco:openblas} ships inside its jar: no system package is needed. Row-major
 * operands go in as they are, with their row length as leading dimension.
 *
 * <p>The operands are copied into native buffers that each thread keeps and grows as needed, and
 * only the result is copied back: handing the Java arrays to the native call directly would have
 * JNI allocate, fill and copy back all three on every call, which costs about as much as the
 * product itself at the sizes of a small network.
 *
 * <p>Registered with {@link java.util.ServiceLoader}; {@link dev.backprop.core.Gemm} uses it when
 * it is faster than EJML on this machine, or when {@code -Dbackprop.gemm=openblas} asks for it.
 */
public final class OpenBlasGemm implements GemmBackend {

    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

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
        int sizeA = a.getNumElements();
        int sizeB = b.getNumElements();
        int sizeC = m * n;
        Buffers native_ = buffers.get();
        DoublePointer pa = native_.a(sizeA);
        DoublePointer pb = native_.b(sizeB);
        DoublePointer pc = native_.c(sizeC);
        pa.put(a.data, 0, sizeA);
        pb.put(b.data, 0, sizeB);
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0, pa, Math.max(1, a.numCols), pb, Math.max(1, b.numCols), 0.0, pc, Math.max(1, n));
        pc.get(c.data, 0, sizeC);
    }

    /** One thread's native operand buffers, grown to the largest operand seen. */
    private static final class Buffers {
        private DoublePointer a = new DoublePointer(0L);
        private DoublePointer b = new DoublePointer(0L);
        private DoublePointer c = new DoublePointer(0L);

        DoublePointer a(long size) {
            return a = fit(a, size);
        }

        DoublePointer b(long size) {
            return b = fit(b, size);
        }

        DoublePointer c(long size) {
            return c = fit(c, size);
        }

        private static DoublePointer fit(DoublePointer buffer, long size) {
            if (buffer.capacity() >= size && !buffer.isNull()) {
                return buffer;
            }
            buffer.close();
            return new DoublePointer(Math.max(size, 2 * buffer.capacity()));
        }
    }
}
