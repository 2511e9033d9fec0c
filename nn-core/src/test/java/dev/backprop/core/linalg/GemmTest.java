package dev.backprop.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.core.NumpyRandom;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The facade against a plain triple loop, on shapes from 1×1 to odd sizes, in its three forms. */
class GemmTest {

    private static final int[][] SHAPES = {{1, 1, 1}, {1, 5, 1}, {5, 1, 1}, {1, 1, 5}, {3, 4, 5}, {17, 9, 31}, {64, 130, 7}};

    @Test
    void everyFormMatchesATripleLoop() {
        NumpyRandom random = new NumpyRandom(2);
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int k = shape[1];
            int n = shape[2];
            DMatrixRMaj a = random.randn(m, k);
            DMatrixRMaj b = random.randn(k, n);
            DMatrixRMaj expected = naive(a, b);
            DMatrixRMaj c = new DMatrixRMaj(1, 1);
            Gemm.mult(a, b, c);
            assertClose(expected, c);
            Gemm.multTransA(transpose(a), b, c);
            assertClose(expected, c);
            Gemm.multTransB(a, transpose(b), c);
            assertClose(expected, c);
        }
    }

    @Test
    void shapesThatDoNotFitAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Gemm.mult(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 5), new DMatrixRMaj(1, 1)));
        assertEquals("Gemm: cannot multiply 2×3 by 4×5", error.getMessage());
        DMatrixRMaj a = new DMatrixRMaj(2, 2);
        assertThrows(IllegalArgumentException.class, () -> Gemm.mult(a, new DMatrixRMaj(2, 2), a));
        assertEquals("ejml", Gemm.shared().backend().name(), "nn-core alone has only EJML");
    }

    @Test
    void precisionIsScopedToTheCallingThread() throws Exception {
        assertEquals(Precision.FLOAT64, Gemm.precision());
        DMatrixRMaj a = new NumpyRandom(4).randn(40, 50);
        DMatrixRMaj b = new NumpyRandom(5).randn(50, 30);
        DMatrixRMaj inDouble = new DMatrixRMaj(1, 1);
        Gemm.mult(a, b, inDouble);
        Precision[] seenByOtherThread = new Precision[1];
        DMatrixRMaj inScope = Gemm.callWith(Precision.FLOAT32, () -> {
            Thread other = new Thread(() -> seenByOtherThread[0] = Gemm.precision());
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals(Precision.FLOAT32, Gemm.precision());
            DMatrixRMaj c = new DMatrixRMaj(1, 1);
            Gemm.mult(a, b, c);
            return c;
        });
        assertEquals(Precision.FLOAT64, seenByOtherThread[0]);
        assertEquals(Precision.FLOAT64, Gemm.precision(), "restored after the scope");
        // EJML has no float32 products: within the scope they stay in double, bit for bit.
        assertArrayEquals(inDouble.data, inScope.data);
        assertThrows(IllegalStateException.class, () -> Gemm.callWith(Precision.FLOAT32, () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(Precision.FLOAT64, Gemm.precision(), "restored after an exception");
    }

    @Test
    void precisionsParseByName() {
        assertEquals(Precision.FLOAT32, Precision.parse("Float32"));
        assertEquals(Precision.FLOAT64, Precision.parse("float64"));
        assertEquals("float32", Precision.FLOAT32.toString());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Precision.parse("half"));
        assertEquals("Unknown precision 'half': use float64 or float32", error.getMessage());
    }

    private static DMatrixRMaj naive(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < b.numCols; j++) {
                double sum = 0;
                for (int p = 0; p < a.numCols; p++) {
                    sum += a.get(i, p) * b.get(p, j);
                }
                c.set(i, j, sum);
            }
        }
        return c;
    }

    private static DMatrixRMaj transpose(DMatrixRMaj m) {
        DMatrixRMaj t = new DMatrixRMaj(m.numCols, m.numRows);
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                t.set(j, i, m.get(i, j));
            }
        }
        return t;
    }

    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual) {
        assertEquals(expected.numRows, actual.numRows);
        assertEquals(expected.numCols, actual.numCols);
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], actual.data[i], 1e-12 * (1 + Math.abs(expected.data[i])));
        }
    }

    /** A backend that computes EJML's products plus {@code error} in one corner. */
    private static GemmBackend offBy(String name, double error) {
        return offBy(name, error, false, 0);
    }

    /** A backend that adds products itself, with {@code error} in one corner of each sum. */
    private static GemmBackend addingOffBy(String name, double error) {
        return offBy(name, 0, true, error);
    }

    private static GemmBackend offBy(String name, double productError, boolean adds, double sumError) {
        return new GemmBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void multiply(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
                new EjmlGemm().multiply(a, transposeA, b, transposeB, c);
                c.data[0] += productError;
            }

            @Override
            public boolean supportsMultiplyAdd() {
                return adds;
            }

            @Override
            public void multiplyAdd(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
                DMatrixRMaj product = new DMatrixRMaj(c.numRows, c.numCols);
                new EjmlGemm().multiply(a, transposeA, b, transposeB, product);
                for (int i = 0; i < c.data.length; i++) {
                    c.data[i] += product.data[i];
                }
                c.data[0] += sumError;
            }
        };
    }

    @Test
    void theChoiceIsARuleNotATiming() {
        GemmBackend ejml = new EjmlGemm();
        GemmBackend wrong = offBy("wrong", 1e-6);
        GemmBackend right = offBy("right", 0);
        assertEquals("right", Gemm.choose(List.of(ejml, wrong, right), null).backend().name(),
                "the first native backend whose products agree with EJML's");
        assertEquals("ejml", Gemm.choose(List.of(ejml, wrong), null).backend().name(), "a wrong backend is never used");
        assertEquals("wrong", Gemm.choose(List.of(ejml, wrong, right), "wrong").backend().name(),
                "-Dbackprop.gemm forces a backend");
        assertEquals("right", Gemm.choose(List.of(ejml, wrong, right), "missing").backend().name());
    }

    @Test
    void productsBuiltDirectlyUseTheirBackendAboveTheSmallSize() {
        Gemm skewed = Gemm.using(offBy("skewed", 1.0));
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        skewed.multiply(new DMatrixRMaj(16, 16), false, new DMatrixRMaj(16, 16), false, c);
        assertEquals(1.0, c.get(0, 0), 0.0, "16³ multiply-adds go to the backend");
        skewed.multiply(new DMatrixRMaj(8, 8), false, new DMatrixRMaj(8, 8), false, c);
        assertEquals(0.0, c.get(0, 0), 0.0, "8³ stay on EJML");
    }

    @Test
    void multAddAddsTheProductRoundedAsProductThenSum() {
        NumpyRandom random = new NumpyRandom(3);
        for (int[] shape : SHAPES) {
            DMatrixRMaj a = random.randn(shape[0], shape[1]);
            DMatrixRMaj b = random.randn(shape[1], shape[2]);
            DMatrixRMaj start = random.randn(shape[0], shape[2]);
            DMatrixRMaj expected = naive(a, b);
            DMatrixRMaj product = new DMatrixRMaj(1, 1);
            Gemm.mult(a, b, product);
            DMatrixRMaj sum = start.copy();
            Gemm.multAdd(a, b, sum);
            for (int i = 0; i < sum.data.length; i++) {
                assertEquals(product.data[i] + start.data[i], sum.data[i], 0.0,
                        "EJML's product, then the sum: bit for bit what mult and an add give");
                assertEquals(expected.data[i] + start.data[i], sum.data[i], 1e-12 * (1 + Math.abs(sum.data[i])));
            }
            DMatrixRMaj transposedSum = start.copy();
            Gemm.shared().multiplyAdd(transpose(a), true, transpose(b), true, transposedSum);
            assertClose(sum, transposedSum);
        }
    }

    @Test
    void multAddNeedsTheProductsShapeAlready() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multAdd(new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 4), new DMatrixRMaj(2, 3)));
        assertEquals("Gemm: cannot add a 2×4 product to a 2×3 matrix", error.getMessage());
        DMatrixRMaj a = new DMatrixRMaj(2, 2);
        assertThrows(IllegalArgumentException.class, () -> Gemm.multAdd(a, new DMatrixRMaj(2, 2), a));
        DMatrixRMaj unchanged = new DMatrixRMaj(new double[][] {{1, 2}});
        Gemm.multAdd(new DMatrixRMaj(1, 0), new DMatrixRMaj(0, 2), unchanged);
        assertArrayEquals(new double[] {1, 2}, unchanged.data, 0.0, "an empty product adds nothing");
    }

    @Test
    void aBackendThatAddsIsUsedAboveTheSmallSizeAndCheckedFirst() {
        Gemm skewed = Gemm.using(addingOffBy("skewed", 1.0));
        DMatrixRMaj c = new DMatrixRMaj(16, 16);
        skewed.multiplyAdd(new DMatrixRMaj(16, 16), false, new DMatrixRMaj(16, 16), false, c);
        assertEquals(1.0, c.get(0, 0), 0.0, "16³ multiply-adds are added by the backend");
        DMatrixRMaj small = new DMatrixRMaj(8, 8);
        skewed.multiplyAdd(new DMatrixRMaj(8, 8), false, new DMatrixRMaj(8, 8), false, small);
        assertEquals(0.0, small.get(0, 0), 0.0, "8³ stay on EJML");
        assertEquals("ejml", Gemm.choose(List.of(new EjmlGemm(), addingOffBy("wrong", 1e-6)), null).backend().name(),
                "a backend whose sums are wrong is not used, even when its products are right");
        assertEquals("right", Gemm.choose(List.of(new EjmlGemm(), addingOffBy("right", 0)), null).backend().name());
        assertThrows(UnsupportedOperationException.class, () -> new EjmlGemm().multiplyAdd(c, false, c, false, c));
    }
}
