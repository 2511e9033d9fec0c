package com.example.custom;

import dev.backprop.core.Layer;
import dev.backprop.core.MatrixChecks;
import dev.backprop.core.Parameter;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** A user's layer: y = a ⊙ x + c, with a learned scale a and shift c per feature (docs/extending.md shows it). */
// snippet extending: a custom layer
public final class ScaleShift implements Layer {

    private final Parameter scale;
    private final Parameter shift;
    private DMatrixRMaj input;
    private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradInput = new DMatrixRMaj(1, 1);

    public ScaleShift(int features) {
        DMatrixRMaj ones = new DMatrixRMaj(1, features);
        ones.fill(1);
        scale = new Parameter("scale", ones);
        shift = new Parameter("shift", new DMatrixRMaj(1, features));
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        MatrixChecks.requireColumns("ScaleShift", "input", x, scale.value().numCols);
        input = x;
        output.reshape(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            int j = i % x.numCols;
            output.data[i] = scale.value().data[j] * x.data[i] + shift.value().data[j];
        }
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        MatrixChecks.requireBackwardFits("ScaleShift", input == null ? null : output, gradOutput);
        gradInput.reshape(gradOutput.numRows, gradOutput.numCols);
        scale.grad().zero();
        shift.grad().zero();
        for (int i = 0; i < gradOutput.getNumElements(); i++) {
            int j = i % gradOutput.numCols;
            gradInput.data[i] = gradOutput.data[i] * scale.value().data[j];
            scale.grad().data[j] += gradOutput.data[i] * input.data[i];
            shift.grad().data[j] += gradOutput.data[i];
        }
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale, shift);
    }
}
// end snippet
