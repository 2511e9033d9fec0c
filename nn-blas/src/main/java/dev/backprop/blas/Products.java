package dev.backprop.blas;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_full;
import org.ejml.data.DMatrixRMaj;

/**
 * How a product reaches OpenBLAS on this Java version. On Java 17 to 21, through JavaCPP: the
 * operands are copied into native buffers that each thread keeps and grows as needed, and the result
 * is copied back (handing the Java arrays to JNI directly would have it allocate, fill and copy back
 * all three on every call). A multi-release jar replaces this class on Java 22 and later with one
 * that passes the Java arrays themselves ({@code META-INF/versions/22}).
 */
final class Products {

    private static final ThreadLocal<NativeBuffers> BUFFERS = ThreadLocal.withInitial(NativeBuffers::new);

    private Products() {}

    /** @return how products reach OpenBLAS, for logs and benchmarks */
    static String route() {
        return "JavaCPP, operands copied to native buffers";
    }

    /** c = op(a)·op(b), row-major, in double precision. */
    static void dgemm(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        dgemm(a, transposeA, b, transposeB, false, c);
    }

    /** c = c + op(a)·op(b), row-major, in double precision: c is copied in as well. */
    static void dgemmAdd(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        dgemm(a, transposeA, b, transposeB, true, c);
    }

    private static void dgemm(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, boolean add,
            DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        NativeBuffers buffers = BUFFERS.get();
        DoublePointer result = add ? buffers.doubleResultFrom(c) : buffers.doubleResult(m * n);
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0, buffers.doubles(0, a), Math.max(1, a.numCols), buffers.doubles(1, b),
                Math.max(1, b.numCols), add ? 1.0 : 0.0, result, Math.max(1, n));
        buffers.readDoubles(c);
    }

    /** c = op(a)·op(b), row-major, with operands rounded to float and a float product. */
    static void sgemm(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        NativeBuffers buffers = BUFFERS.get();
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0f, buffers.floats(0, a), Math.max(1, a.numCols), buffers.floats(1, b),
                Math.max(1, b.numCols), 0.0f, buffers.floatResult(m * n), Math.max(1, n));
        buffers.readFloats(c);
    }

    /**
     * @return OpenBLAS's threads per product. JavaCPP's {@code openblas} binding, which the products
     *     use, has no thread calls; its {@code openblas_full} binding has them, and links the same
     *     {@code libopenblas}, so its setting is the one the products see. It loads on the first call
     *     here, not before: only data-parallel training asks.
     */
    static int threads() {
        return openblas_full.openblas_get_num_threads();
    }

    /** Sets OpenBLAS's threads per product, for the whole process (see {@link #threads()}). */
    static void threads(int threads) {
        openblas_full.openblas_set_num_threads(threads);
    }
}
