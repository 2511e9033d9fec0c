package dev.backprop.blas;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.ejml.data.DMatrixRMaj;

/**
 * How a product reaches OpenBLAS on Java 22 and later: {@code cblas_dgemm} of the library that
 * JavaCPP loaded, called through the foreign function API with the Java arrays themselves as
 * operands ({@code MemorySegment.ofArray} and a critical downcall that may touch the heap): no
 * copy in, no copy out, no JNI frame. A critical call keeps the garbage collector waiting while it
 * runs, which a product of a small network's size (microseconds to a millisecond) does not notice.
 *
 * <p>This is the Java 22 version of the class in a multi-release jar; Java 17 to 21 load the other.
 */
final class Products {

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private static final MethodHandle DGEMM = downcall("cblas_dgemm", ValueLayout.JAVA_DOUBLE);
    private static final MethodHandle SGEMM = downcall("cblas_sgemm", ValueLayout.JAVA_FLOAT);

    private static final MethodHandle GET_THREADS = Linker.nativeLinker().downcallHandle(
            SymbolLookup.loaderLookup().find("openblas_get_num_threads").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle SET_THREADS = Linker.nativeLinker().downcallHandle(
            SymbolLookup.loaderLookup().find("openblas_set_num_threads").orElseThrow(),
            FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));

    /** One thread's native float buffers for float32 products: the operands narrowed, the result. */
    private static final ThreadLocal<MemorySegment[]> FLOATS = ThreadLocal.withInitial(
            () -> new MemorySegment[] {MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL});

    private Products() {}

    private static MethodHandle downcall(String name, ValueLayout scalar) {
        // The library JavaCPP ships and loads; its symbols are then visible to this class loader.
        org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas.class);
        MemorySegment address = SymbolLookup.loaderLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError(name + " is not in the OpenBLAS library JavaCPP loaded"));
        FunctionDescriptor signature = FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, scalar,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, scalar,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
        return Linker.nativeLinker().downcallHandle(address, signature, Linker.Option.critical(true));
    }

    /** @return how products reach OpenBLAS, for logs and benchmarks */
    static String route() {
        return "foreign function API, on the Java arrays (no copies)";
    }

    /** c = op(a)·op(b), row-major, in double precision. */
    static void dgemm(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        dgemm(a, transposeA, b, transposeB, 0.0, c);
    }

    /** c = c + op(a)·op(b), row-major, in double precision. */
    static void dgemmAdd(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        dgemm(a, transposeA, b, transposeB, 1.0, c);
    }

    private static void dgemm(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, double beta,
            DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        try {
            DGEMM.invokeExact(ROW_MAJOR, transposeA ? TRANS : NO_TRANS, transposeB ? TRANS : NO_TRANS, m, n, k, 1.0,
                    MemorySegment.ofArray(a.data), Math.max(1, a.numCols), MemorySegment.ofArray(b.data),
                    Math.max(1, b.numCols), beta, MemorySegment.ofArray(c.data), Math.max(1, n));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * c = op(a)·op(b), row-major, with operands rounded to float and a float product. The operands
     * must be narrowed anyway, so they are narrowed straight into native buffers this thread keeps
     * (heap segments of temporary float arrays would be allocated on every call).
     */
    static void sgemm(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        MemorySegment[] buffers = FLOATS.get();
        MemorySegment fa = narrow(buffers, 0, a);
        MemorySegment fb = narrow(buffers, 1, b);
        MemorySegment fc = grow(buffers, 2, m * n);
        try {
            SGEMM.invokeExact(ROW_MAJOR, transposeA ? TRANS : NO_TRANS, transposeB ? TRANS : NO_TRANS, m, n, k, 1.0f,
                    fa, Math.max(1, a.numCols), fb, Math.max(1, b.numCols), 0.0f, fc, Math.max(1, n));
        } catch (Throwable e) {
            throw rethrow(e);
        }
        double[] data = c.data;
        for (int i = 0, size = m * n; i < size; i++) {
            data[i] = fc.getAtIndex(ValueLayout.JAVA_FLOAT, i);
        }
    }

    private static MemorySegment narrow(MemorySegment[] buffers, int slot, DMatrixRMaj matrix) {
        int size = matrix.getNumElements();
        MemorySegment values = grow(buffers, slot, size);
        double[] data = matrix.data;
        for (int i = 0; i < size; i++) {
            values.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) data[i]);
        }
        return values;
    }

    private static MemorySegment grow(MemorySegment[] buffers, int slot, int size) {
        long bytes = 4L * size;
        if (buffers[slot].byteSize() < bytes) {
            // Freed by the garbage collector once the thread and its buffers are gone.
            buffers[slot] = Arena.ofAuto().allocate(Math.max(bytes, 2 * buffers[slot].byteSize()), 64);
        }
        return buffers[slot];
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("cblas call failed", e);
    }

    /** @return OpenBLAS's threads per product */
    static int threads() {
        try {
            return (int) GET_THREADS.invokeExact();
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Sets OpenBLAS's threads per product, for the whole process. */
    static void threads(int threads) {
        try {
            SET_THREADS.invokeExact(threads);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }
}
