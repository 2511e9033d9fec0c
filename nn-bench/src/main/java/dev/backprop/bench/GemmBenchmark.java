package dev.backprop.bench;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;

import dev.backprop.blas.OpenBlasGemm;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.linalg.EjmlGemm;
import dev.backprop.core.linalg.GemmBackend;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W3: the products of W2 and a 1024 cube, on EJML and on OpenBLAS. The shape names the product:
 * {@code m.k.n} for {@code (m × k)·(k × n)}, with {@code tA} or {@code tB} for a transposed operand
 * as the backward pass uses them. GFLOP/s = 2·m·k·n / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GemmBenchmark {

    /** The product: forward 784→128, 128→128, 128→10; backward dW = Xᵀ·dY and dX = dY·Wᵀ; a 1024 cube. */
    @Param({"128.784.128", "128.128.128", "128.128.10", "784.128.128.tA", "128.128.784.tB", "1024.1024.1024"})
    public String shape;

    /**
     * The backend; openblas-float32 is OpenBLAS's single-precision product, conversions included;
     * openblas-native is OpenBLAS's own speed: cblas_dgemm on operands already in native memory,
     * with no copy in or out, the ceiling of Backprop's openblas.
     */
    @Param({"ejml", "openblas", "openblas-float32", "openblas-native"})
    public String backend;

    private DMatrixRMaj a;
    private DMatrixRMaj b;
    private DMatrixRMaj c;
    private boolean transposeA;
    private boolean transposeB;
    private GemmBackend blas;
    private boolean float32;
    private DoublePointer nativeA;
    private DoublePointer nativeB;
    private DoublePointer nativeC;
    private int m;
    private int n;
    private int k;

    /** Makes the operands. */
    @Setup
    public void setUp() {
        String[] parts = shape.split("\\.");
        m = Integer.parseInt(parts[0]);
        k = Integer.parseInt(parts[1]);
        n = Integer.parseInt(parts[2]);
        transposeA = parts.length > 3 && parts[3].equals("tA");
        transposeB = parts.length > 3 && parts[3].equals("tB");
        NumpyRandom random = new NumpyRandom(1);
        a = transposeA ? random.randn(k, m) : random.randn(m, k);
        b = transposeB ? random.randn(n, k) : random.randn(k, n);
        c = new DMatrixRMaj(m, n);
        blas = backend.startsWith("openblas") ? new OpenBlasGemm() : new EjmlGemm();
        float32 = backend.equals("openblas-float32");
        if (backend.equals("openblas-native")) {
            nativeA = new DoublePointer(a.data);
            nativeB = new DoublePointer(b.data);
            nativeC = new DoublePointer(c.data);
        }
    }

    /** @return the product */
    @Benchmark
    public DMatrixRMaj product() {
        if (nativeA != null) {
            cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    m, n, k, 1.0, nativeA, a.numCols, nativeB, b.numCols, 0.0, nativeC, n);
        } else if (float32) {
            blas.multiplyFloat32(a, transposeA, b, transposeB, c);
        } else {
            blas.multiply(a, transposeA, b, transposeB, c);
        }
        return c;
    }
}
