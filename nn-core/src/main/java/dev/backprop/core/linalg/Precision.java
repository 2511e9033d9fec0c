package dev.backprop.core.linalg;

import java.util.Locale;

/**
 * The precision in which {@link Gemm} computes matrix products. Parameters, activations and
 * gradients are always stored in double; {@link #FLOAT32} rounds a product's operands to float,
 * multiplies them in single precision (twice the speed of double on the same BLAS) and widens
 * the result back. It is opt-in: {@code -Dbackprop.precision=float32}, or {@link
 * Gemm#callWith(Precision, java.util.function.Supplier)} around a training run.
 */
public enum Precision {
    /** Products in double precision: the default, and the reference for every test. */
    FLOAT64,
    /** Products in single precision where the backend supports it (OpenBLAS does, EJML does not). */
    FLOAT32;

    /**
     * Reads a precision by its name.
     *
     * @param name {@code float64} or {@code float32}, in any case
     * @return the precision
     * @throws IllegalArgumentException for any other name
     */
    public static Precision parse(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "float64":
                return FLOAT64;
            case "float32":
                return FLOAT32;
            default:
                throw new IllegalArgumentException("Unknown precision '" + name + "': use float64 or float32");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
