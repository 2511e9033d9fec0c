package dev.backprop.core.linalg;

import dev.backprop.core.MatrixChecks;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.train.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * <p>The backend is chosen once, when this class is first used: EJML (pure Java, the reference)
 * and every {@link GemmBackend} that {@link ServiceLoader} finds (add {@code nn-blas} for
 * OpenBLAS) are timed on one product and checked against EJML, and the fastest correct one wins;
 * the choice and the speeds are logged at INFO. A backend that loads but computes wrong results,
 * or is slower than EJML, is never chosen silently. The system property {@code backprop.gemm}
 * names a backend to use instead ({@code ejml}, {@code openblas}). Products of fewer than
 * 4096 multiply-adds always run on EJML, where a native call would cost more than it saves.
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
    private static final GemmBackend BACKEND = choose();
    private static final Precision DEFAULT_PRECISION = defaultPrecision();
    private static final ThreadLocal<Precision> PRECISION = ThreadLocal.withInitial(() -> DEFAULT_PRECISION);
    private static final AtomicBoolean WARNED_NO_FLOAT32 = new AtomicBoolean();

    private Gemm() {}

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
        if (precision == Precision.FLOAT32 && !BACKEND.supportsFloat32() && !WARNED_NO_FLOAT32.getAndSet(true)) {
            LOG.warn("float32 products asked for, but the GEMM backend {} has none; products stay in double",
                    BACKEND.name());
        }
        PRECISION.set(precision);
        try {
            return work.get();
        } finally {
            PRECISION.set(before);
        }
    }

    /** @return the backend in use */
    public static GemmBackend backend() {
        return BACKEND;
    }

    /**
     * {@code c = a·b}; {@code c} is reshaped to a.rows × b.cols.
     *
     * @param a m × k
     * @param b k × n
     * @param c the result, overwritten
     */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        multiply(a, false, b, false, c);
    }

    /**
     * {@code c = aᵀ·b}; {@code c} is reshaped to a.cols × b.cols.
     *
     * @param a k × m
     * @param b k × n
     * @param c the result, overwritten
     */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        multiply(a, true, b, false, c);
    }

    /**
     * {@code c = a·bᵀ}; {@code c} is reshaped to a.rows × b.rows.
     *
     * @param a m × k
     * @param b n × k
     * @param c the result, overwritten
     */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        multiply(a, false, b, true, c);
    }

    private static void multiply(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        int m = transposeA ? a.numCols : a.numRows;
        int k = transposeA ? a.numRows : a.numCols;
        int kb = transposeB ? b.numCols : b.numRows;
        int n = transposeB ? b.numRows : b.numCols;
        if (k != kb) {
            throw new IllegalArgumentException("Gemm: cannot multiply " + (transposeA ? "transposed " : "")
                    + MatrixChecks.shape(a) + " by " + (transposeB ? "transposed " : "") + MatrixChecks.shape(b));
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("Gemm: the result must not be an operand");
        }
        c.reshape(m, n);
        if (k == 0) {
            CommonOps_DDRM.fill(c, 0);
            return;
        }
        // A native call costs a few microseconds: for a tiny product EJML's loops win.
        if ((long) m * n * k < SMALL_PRODUCT) {
            REFERENCE.multiply(a, transposeA, b, transposeB, c);
        } else if (BACKEND.supportsFloat32() && PRECISION.get() == Precision.FLOAT32) {
            BACKEND.multiplyFloat32(a, transposeA, b, transposeB, c);
        } else {
            BACKEND.multiply(a, transposeA, b, transposeB, c);
        }
    }

    private static Precision defaultPrecision() {
        String name = System.getProperty(PRECISION_PROPERTY);
        if (name == null) {
            return Precision.FLOAT64;
        }
        try {
            Precision precision = Precision.parse(name);
            if (precision == Precision.FLOAT32) {
                LOG.info("products in float32 (-D{}={}){}", PRECISION_PROPERTY, name,
                        BACKEND.supportsFloat32() ? "" : ", but " + BACKEND.name() + " has none: they stay in double");
            }
            return precision;
        } catch (IllegalArgumentException error) {
            LOG.warn("-D{}: {}; products stay in double", PRECISION_PROPERTY, error.getMessage());
            return Precision.FLOAT64;
        }
    }

    private static GemmBackend choose() {
        List<GemmBackend> candidates = new ArrayList<>();
        GemmBackend reference = REFERENCE;
        candidates.add(reference);
        try {
            for (GemmBackend backend : ServiceLoader.load(GemmBackend.class, Gemm.class.getClassLoader())) {
                candidates.add(backend);
            }
        } catch (Throwable error) { // a provider whose native library fails to load must not stop the program
            LOG.warn("a GEMM backend could not be loaded: {}", error.toString());
        }
        String forced = System.getProperty(PROPERTY);
        if (forced != null) {
            for (GemmBackend backend : candidates) {
                if (backend.name().equals(forced)) {
                    LOG.info("GEMM backend: {} (chosen by -D{})", forced, PROPERTY);
                    return backend;
                }
            }
            LOG.warn("-D{}={} names no available backend (available: {}); choosing by speed", PROPERTY, forced,
                    candidates.stream().map(GemmBackend::name).toList());
        }
        if (candidates.size() == 1) {
            LOG.info("GEMM backend: ejml (pure Java; add nn-blas for OpenBLAS)");
            return reference;
        }
        return fastest(candidates, reference);
    }

    /** Times each backend on a 256-cube product (after a warm-up) and checks it against EJML. */
    private static GemmBackend fastest(List<GemmBackend> candidates, GemmBackend reference) {
        int size = 256;
        NumpyRandom random = new NumpyRandom(1);
        DMatrixRMaj a = random.randn(size, size);
        DMatrixRMaj b = random.randn(size, size);
        DMatrixRMaj expected = new DMatrixRMaj(size, size);
        reference.multiply(a, false, b, true, expected);
        GemmBackend best = reference;
        double bestSpeed = 0;
        StringBuilder report = new StringBuilder();
        for (GemmBackend backend : candidates) {
            try {
                DMatrixRMaj c = new DMatrixRMaj(size, size);
                backend.multiply(a, false, b, true, c);
                if (!(maxError(c, expected) <= 1e-9)) {
                    LOG.warn("GEMM backend {} computes wrong products; not used", backend.name());
                    continue;
                }
                if (backend.supportsFloat32()) {
                    backend.multiplyFloat32(a, false, b, true, c);
                    if (!(maxError(c, expected) <= 1e-4)) {
                        LOG.warn("GEMM backend {} computes wrong float32 products; not used", backend.name());
                        continue;
                    }
                }
                long start = System.nanoTime();
                int runs = 3;
                for (int i = 0; i < runs; i++) {
                    backend.multiply(a, false, b, true, c);
                }
                double seconds = (System.nanoTime() - start) / 1e9 / runs;
                double speed = 2.0 * size * size * size / seconds / 1e9;
                report.append(String.format(Locale.ROOT, "%s%s %.1f GFLOP/s", report.length() > 0 ? ", " : "",
                        backend.name(), speed));
                if (speed > bestSpeed) {
                    best = backend;
                    bestSpeed = speed;
                }
            } catch (Throwable error) {
                LOG.warn("GEMM backend {} failed: {}; not used", backend.name(), error.toString());
            }
        }
        LOG.info("GEMM backend: {} ({})", best.name(), report);
        return best;
    }

    private static double maxError(DMatrixRMaj c, DMatrixRMaj expected) {
        double worst = 0;
        for (int i = 0; i < expected.getNumElements(); i++) {
            worst = Math.max(worst, Math.abs(c.data[i] - expected.data[i]) / (1 + Math.abs(expected.data[i])));
        }
        return worst;
    }
}
