package dev.backprop.onnx;

import dev.backprop.core.Layer;
import org.ejml.data.DMatrixRMaj;

/** A user's activation, x·σ(x), written outside Backprop: what a custom layer's export is tested with. */
public final class Swish implements Layer {

    private DMatrixRMaj input;

    @Override
    public DMatrixRMaj forward(DMatrixRMaj batch) {
        input = batch.copy();
        DMatrixRMaj output = batch.copy();
        for (int i = 0; i < output.data.length; i++) {
            double x = output.data[i];
            output.data[i] = x * (1 / (1 + Math.exp(-x)));
        }
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        DMatrixRMaj grad = gradOutput.copy();
        for (int i = 0; i < grad.data.length; i++) {
            double s = 1 / (1 + Math.exp(-input.data[i]));
            grad.data[i] *= s + input.data[i] * s * (1 - s);
        }
        return grad;
    }
}
