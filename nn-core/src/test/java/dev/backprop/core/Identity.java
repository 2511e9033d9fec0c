package dev.backprop.core;

import org.ejml.data.DMatrixRMaj;

/** A layer without parameters that passes values and gradients through: tests override what they watch. */
public class Identity implements Layer {

    @Override
    public DMatrixRMaj forward(DMatrixRMaj input) {
        return input;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        return gradOutput;
    }
}
