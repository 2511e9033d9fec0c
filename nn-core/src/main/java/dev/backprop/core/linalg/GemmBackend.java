package dev.backprop.core.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * A way to compute matrix products: EJML in pure Java, or a native BLAS from a module such as
 * {@code nn-blas}, registered with {@link java.util.ServiceLoader}. {@link Gemm} picks one at
 * start-up.
 */
public interface GemmBackend {

    /** @return a short name, such as {@code "ejml"} or {@code "openblas"}, for logs and the {@code backprop.gemm} property */
    String name();

    /**
     * {@code c = op(a)·op(b)}, where op transposes when asked. The caller has checked the shapes and
     * shaped {@code c}; {@code c} is neither {@code a} nor {@code b}.
     *
     * @param a the left operand, row-major
     * @param transposeA whether to use aᵀ
     * @param b the right operand, row-major
     * @param transposeB whether to use bᵀ
     * @param c the result, row-major, overwritten
     */
    void multiply(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c);

    /**
     * @return whether {@link #multiplyAdd} adds a product to its result in one pass (a BLAS's
     *     {@code beta = 1}); EJML's backend does not, and {@link Gemm} then adds the product itself
     */
    default boolean supportsMultiplyAdd() {
        return false;
    }

    /**
     * {@code c = c + op(a)·op(b)} in double precision: the product is added to what {@code c} holds,
     * as a layer adds its biases. The same preconditions as {@link #multiply}, and {@code c} already
     * has the product's shape.
     *
     * @param a the left operand, row-major
     * @param transposeA whether to use aᵀ
     * @param b the right operand, row-major
     * @param transposeB whether to use bᵀ
     * @param c the matrix the product is added to, row-major
     * @throws UnsupportedOperationException if {@link #supportsMultiplyAdd()} is false
     */
    default void multiplyAdd(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        throw new UnsupportedOperationException(name() + " cannot add a product to its result");
    }

    /**
     * @return whether {@link #multiplyFloat32} computes in single precision; EJML's backend does not
     */
    default boolean supportsFloat32() {
        return false;
    }

    /**
     * {@code c = op(a)·op(b)} with the operands rounded to float and the product computed in
     * single precision, then widened back into {@code c}. The same preconditions as
     * {@link #multiply}.
     *
     * @param a the left operand, row-major
     * @param transposeA whether to use aᵀ
     * @param b the right operand, row-major
     * @param transposeB whether to use bᵀ
     * @param c the result, row-major, overwritten
     * @throws UnsupportedOperationException if {@link #supportsFloat32()} is false
     */
    default void multiplyFloat32(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        throw new UnsupportedOperationException(name() + " has no single-precision products");
    }

    /**
     * @return the threads this backend runs one product on; 1 for a backend without threads of its own,
     *     0 when it cannot tell
     */
    default int threads() {
        return 1;
    }

    /**
     * Sets the threads one product runs on, for the whole process: data-parallel training sets 1 while
     * its own worker threads run, so that the two do not fight for the cores. A backend without
     * threads of its own ignores it.
     *
     * @param threads at least 1
     */
    default void threads(int threads) {}
}
