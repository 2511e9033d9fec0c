package dev.backprop.core.linalg;

import dev.backprop.core.MatrixChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The matrix products behind {@code Dense} and every other layer: {@code C = A·B}, {@code Aᵀ·B}
 * and {@code A·Bᵀ} on row-major {@link DMatrixRMaj}, without copying a transpose.
 *
 * <p>A {@code Gemm} is a {@link GemmBackend} and the rule of when to use it: products of fewer
 * than 4096 multiply-adds run on EJML, where a native call would cost more than it saves. Tests and
 * benchmarks build one directly with {@link #using}; layers call the static {@link #mult},
 * {@link #multTransA}, {@link #multTransB} and {@link #multAdd}, which use {@link #shared()}, chosen once, the first
 * time a product is needed, by {@link #choose}: the backend that {@code -Dbackprop.gemm} names
 * ({@code ejml}, {@code openblas}), or else the first native backend that {@link ServiceLoader}
 * finds (add {@code nn-blas} for OpenBLAS) and that computes the same products as EJML on a check
 * of a few microseconds; else EJML. Nothing is timed at start-up, so the choice is the same on
 * every run of the same class path.
 *
 * <p>Products run in double precision unless single precision is asked for ({@link Precision}):
 * for the whole program with {@code -Dbackprop.precision=float32}, or for one thread's work with
 * {@link #callWith}. Single precision needs a backend that supports it (OpenBLAS); on EJML the
 * products stay in double.
 */
public final class Gemm {

    private static final Logger LOG = LoggerFactory.getLogger(Gemm.class);
    /** The system property that forces a backend by name. */
    public static final String PROPERTY = "backprop.gemm";
    /** The system property that sets the precision of products by default: float64 or float32. */
    public static final String PRECISION_PROPERTY = "backprop.precision";

    private static final long SMALL_PRODUCT = 4096;
    private static final GemmBackend REFERENCE = new EjmlGemm();
    private static final ThreadLocal<Precision> PRECISION = ThreadLocal.withInitial(Gemm::defaultPrecision);
    private static final AtomicBoolean WARNED_NO_FLOAT32 = new AtomicBoolean();
    /** Where {@link #multiplyAdd} puts a product that the backend cannot add itself; grown, then reused. */
    private static final ThreadLocal<DMatrixRMaj> SCRATCH = ThreadLocal.withInitial(() -> new DMatrixRMaj(1, 1));

    private final GemmBackend backend;

    private Gemm(GemmBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * @param backend the backend for products of 4096 multiply-adds and more
     * @return products on it, as the shared one does on its choice
     */
    public static Gemm using(GemmBackend backend) {
        return new Gemm(backend);
    }

    /** The shared choice, made when first needed (the holder idiom: no lock on the hot path). */
    private static final class Shared {
        static final Gemm INSTANCE = choose(available(), System.getProperty(PROPERTY));
    }

    /** @return the products every layer uses, chosen once by {@link #choose} */
    public static Gemm shared() {
        return Shared.INSTANCE;
    }

    /** @return the backend of these products ({@code Gemm.shared().backend()}: the one every layer uses) */
    public GemmBackend backend() {
        return backend;
    }

    /** @return EJML and every backend that {@link ServiceLoader} finds, in that order */
    public static List<GemmBackend> available() {
        List<GemmBackend> candidates = new ArrayList<>();
        candidates.add(REFERENCE);
        try {
            for (GemmBackend backend : ServiceLoader.load(GemmBackend.class, Gemm.class.getClassLoader())) {
                candidates.add(backend);
            }
        } catch (Throwable error) { // a provider whose native library fails to load must not stop the program
            LOG.warn("a GEMM backend could not be loaded: {}", error.toString());
        }
        return candidates;
    }

    /**
     * The rule: the candidate named by {@code forced} if there is one; else the first candidate
     * other than EJML that computes the same products as EJML (double and, where it has them,
     * float32) on small products of every transposition; else EJML. The choice is logged at DEBUG (a forced one at INFO).
     *
     * @param candidates the backends to choose from, EJML among them
     * @param forced the name of a backend to use, or null
     * @return the products
     */
    public static Gemm choose(List<GemmBackend> candidates, String forced) {
        if (forced != null) {
            for (GemmBackend backend : candidates) {
                if (backend.name().equals(forced)) {
                    LOG.info("GEMM backend: {} (chosen by -D{})", forced, PROPERTY);
                    return new Gemm(backend);
                }
            }
            LOG.warn("-D{}={} names no available backend (available: {})", PROPERTY, forced,
                    candidates.stream().map(GemmBackend::name).toList());
        }
        for (GemmBackend backend : candidates) {
            if (backend.name().equals(REFERENCE.name())) {
                continue;
            }
            try {
                String wrong = BackendCheck.wrongIn(backend, REFERENCE);
                if (wrong == null) {
                    LOG.debug("GEMM backend: {} (checked against EJML; -D{}=ejml for pure Java)", backend.name(), PROPERTY);
                    return new Gemm(backend);
                }
                LOG.warn("GEMM backend {} computes wrong {}; not used", backend.name(), wrong);
            } catch (Throwable error) {
                LOG.warn("GEMM backend {} failed: {}; not used", backend.name(), error.toString());
            }
        }
        LOG.debug("GEMM backend: ejml (pure Java; add nn-blas for OpenBLAS)");
        return new Gemm(REFERENCE);
    }

    /** @return the precision of this thread's products */
    public static Precision precision() {
        return PRECISION.get();
    }

    /**
     * Runs work on this thread with its products in the given precision, then restores the
     * precision it had. Other threads are not affected.
     *
     * @param precision the precision of the products within {@code work}
     * @param work what to run, such as a call of {@code Model.fit}
     * @param <T> what it returns
     * @return what {@code work} returned
     */
    public static <T> T callWith(Precision precision, Supplier<T> work) {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(work, "work");
        Precision before = PRECISION.get();
        if (precision == Precision.FLOAT32 && !shared().backend.supportsFloat32() && !WARNED_NO_FLOAT32.getAndSet(true)) {
            LOG.warn("float32 products asked for, but the GEMM backend {} has none; products stay in double",
                    shared().backend.name());
        }
        PRECISION.set(precision);
        try {
            return work.get();
        } finally {
            PRECISION.set(before);
        }
    }

    /**
     * {@code c = a·b} by the shared products; {@code c} is reshaped to a.rows × b.cols.
     *
     * @param a m × k
     * @param b k × n
     * @param c the result, overwritten
     */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        Shared.INSTANCE.multiply(a, false, b, false, c);
    }

    /**
     * {@code c = aᵀ·b} by the shared products; {@code c} is reshaped to a.cols × b.cols.
     *
     * @param a k × m
     * @param b k × n
     * @param c the result, overwritten
     */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        Shared.INSTANCE.multiply(a, true, b, false, c);
    }

    /**
     * {@code c = a·bᵀ} by the shared products; {@code c} is reshaped to a.rows × b.rows.
     *
     * @param a m × k
     * @param b n × k
     * @param c the result, overwritten
     */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        Shared.INSTANCE.multiply(a, false, b, true, c);
    }

    /**
     * {@code c = c + a·b} by the shared products: a layer's output, filled with its biases, gets
     * its inputs times its weights added in the same pass.
     *
     * @param a m × k
     * @param b k × n
     * @param c m × n, added to
     * @throws IllegalArgumentException if the shapes do not fit or {@code c} is an operand
     */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        Shared.INSTANCE.multiplyAdd(a, false, b, false, c);
    }

    /**
     * {@code c = op(a)·op(b)} in this thread's precision; {@code c} is reshaped.
     *
     * @param a the left operand
     * @param transposeA whether to use aᵀ
     * @param b the right operand
     * @param transposeB whether to use bᵀ
     * @param c the result, overwritten; neither operand
     * @throws IllegalArgumentException if the shapes do not fit or {@code c} is an operand
     */
    public void multiply(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        int k = checkedInnerSize(a, transposeA, b, transposeB, c);
        c.reshape(transposeA ? a.numCols : a.numRows, transposeB ? b.numRows : b.numCols);
        if (k == 0) {
            CommonOps_DDRM.fill(c, 0);
            return;
        }
        // A native call costs a few microseconds: for a tiny product EJML's loops win.
        if ((long) c.numRows * c.numCols * k < SMALL_PRODUCT) {
            REFERENCE.multiply(a, transposeA, b, transposeB, c);
        } else if (backend.supportsFloat32() && PRECISION.get() == Precision.FLOAT32) {
            backend.multiplyFloat32(a, transposeA, b, transposeB, c);
        } else {
            backend.multiply(a, transposeA, b, transposeB, c);
        }
    }

    /**
     * {@code c = c + op(a)·op(b)} in this thread's precision. A backend that accumulates
     * ({@link GemmBackend#supportsMultiplyAdd()}) adds in its own pass over {@code c}, for double
     * products of 4096 multiply-adds and more; otherwise the product goes to a buffer this thread
     * keeps and is then added, so that {@code c + p} is rounded exactly as {@code p + c} would be.
     *
     * @param a the left operand
     * @param transposeA whether to use aᵀ
     * @param b the right operand
     * @param transposeB whether to use bᵀ
     * @param c the matrix the product is added to, already op(a).rows × op(b).cols; neither operand
     * @throws IllegalArgumentException if the shapes do not fit or {@code c} is an operand
     */
    public void multiplyAdd(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        int k = checkedInnerSize(a, transposeA, b, transposeB, c);
        int m = transposeA ? a.numCols : a.numRows;
        int n = transposeB ? b.numRows : b.numCols;
        if (c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("Gemm: cannot add a " + m + "×" + n + " product to a "
                    + MatrixChecks.shape(c) + " matrix");
        }
        if (k == 0) {
            return;
        }
        if ((long) m * n * k >= SMALL_PRODUCT && backend.supportsMultiplyAdd() && PRECISION.get() == Precision.FLOAT64) {
            backend.multiplyAdd(a, transposeA, b, transposeB, c);
            return;
        }
        DMatrixRMaj product = SCRATCH.get();
        multiply(a, transposeA, b, transposeB, product);
        double[] sum = c.data;
        double[] p = product.data;
        for (int i = 0, size = m * n; i < size; i++) {
            sum[i] += p[i];
        }
    }

    /** @return the inner size k of op(a)·op(b), after checking that the operands fit and {@code c} is neither */
    private static int checkedInnerSize(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        int k = transposeA ? a.numRows : a.numCols;
        int kb = transposeB ? b.numCols : b.numRows;
        if (k != kb) {
            throw new IllegalArgumentException("Gemm: cannot multiply " + (transposeA ? "transposed " : "")
                    + MatrixChecks.shape(a) + " by " + (transposeB ? "transposed " : "") + MatrixChecks.shape(b));
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("Gemm: the result must not be an operand");
        }
        return k;
    }

    private static Precision defaultPrecision() {
        String name = System.getProperty(PRECISION_PROPERTY);
        if (name == null) {
            return Precision.FLOAT64;
        }
        try {
            return Precision.parse(name);
        } catch (IllegalArgumentException error) {
            LOG.warn("-D{}: {}; products stay in double", PRECISION_PROPERTY, error.getMessage());
            return Precision.FLOAT64;
        }
    }

    @Override
    public String toString() {
        return "Gemm[" + backend.name() + "]";
    }
}
