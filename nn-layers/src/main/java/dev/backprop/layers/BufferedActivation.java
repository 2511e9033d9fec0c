package dev.backprop.layers;

import dev.backprop.core.Activation;
import dev.backprop.core.MatrixChecks;
import org.ejml.data.DMatrixRMaj;

/**
 * What every built-in activation shares: the shape checks and the reused output and gradient
 * buffers. Subclasses supply the two kernels.
 */
abstract class BufferedActivation implements Activation {

    private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradInput = new DMatrixRMaj(1, 1);
    private DMatrixRMaj input;
    /** {@link #toString()}, kept: the checks of every call name the layer (a reflective call each time). */
    private String name;

    @Override
    public final DMatrixRMaj forward(DMatrixRMaj batch) {
        MatrixChecks.requireNonEmpty(name(), "input", batch);
        input = batch;
        output.reshape(batch.numRows, batch.numCols);
        activate(batch, output);
        return output;
    }

    @Override
    public final DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        MatrixChecks.requireBackwardFits(name(), input == null ? null : output, gradOutput);
        gradInput.reshape(gradOutput.numRows, gradOutput.numCols);
        differentiate(input, output, gradOutput, gradInput);
        return gradInput;
    }

    private String name() {
        if (name == null) {
            name = toString(); // not in the constructor: a subclass's toString reads its own fields
        }
        return name;
    }

    /** Writes {@code f(input)} into {@code output}, which has the input's shape. */
    abstract void activate(DMatrixRMaj input, DMatrixRMaj output);

    /** Writes {@code dL/dInput} for the last forward pass into {@code gradInput}. */
    abstract void differentiate(
            DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradInput);

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
