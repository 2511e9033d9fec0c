package dev.backprop.core;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A trainable value and the gradient of the loss with respect to it, always of the same shape.
 *
 * <p>The layer that owns a parameter fills {@link #grad()} in its {@code backward}; an
 * {@link Optimizer} reads the gradient and updates {@link #value()} in place.
 */
public final class Parameter {

    private final String name;
    private final DMatrixRMaj value;
    private final DMatrixRMaj grad;

    /**
     * Wraps {@code value} (not copied) and makes a zero gradient of the same shape.
     *
     * @param name a name for messages and model files, such as {@code "weights"}
     * @param value the parameter's value; the parameter takes ownership of it
     * @throws IllegalArgumentException if the name is blank or the value is empty
     */
    public Parameter(String name, DMatrixRMaj value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A parameter needs a name");
        }
        if (value.getNumElements() == 0) {
            throw new IllegalArgumentException(
                    "Parameter '" + name + "' is empty (" + MatrixChecks.shape(value) + ")");
        }
        this.name = name;
        this.value = value;
        this.grad = new DMatrixRMaj(value.numRows, value.numCols);
    }

    /** @return the name given at construction */
    public String name() {
        return name;
    }

    /** @return the value, updated in place by optimizers */
    public DMatrixRMaj value() {
        return value;
    }

    /** @return the gradient of the loss with respect to {@link #value()}, same shape */
    public DMatrixRMaj grad() {
        return grad;
    }

    @Override
    public String toString() {
        return name + " " + MatrixChecks.shape(value);
    }
}
