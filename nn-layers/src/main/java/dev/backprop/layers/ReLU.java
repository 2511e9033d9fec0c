package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Layer;
import org.ejml.data.DMatrixRMaj;

/**
 * Rectified linear unit: {@code max(0, z)}; its gradient is 0 where {@code z ≤ 0}, as in the book.
 * A NaN input stays NaN, as in PyTorch.
 */
public final class ReLU extends BufferedActivation {

    /** The registered type: {@code "ReLU"}, no hyper-parameters. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "ReLU", ReLU.class, config -> new ReLU());

    @Override
    void activate(DMatrixRMaj input, DMatrixRMaj output) {
        double[] z = input.data;
        double[] a = output.data;
        int size = input.getNumElements();
        for (int i = 0; i < size; i++) {
            // Branch-free (and vectorised by the JIT): a branch on the sign of random
            // pre-activations is mispredicted half the time.
            a[i] = Math.max(z[i], 0.0);
        }
    }

    @Override
    void differentiate(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradInput) {
        double[] a = output.data;
        double[] d = gradOutput.data;
        double[] dz = gradInput.data;
        int size = gradOutput.getNumElements();
        for (int i = 0; i < size; i++) {
            // dz = a > 0 ? d : 0 without a branch: a = max(z, 0) is +0.0 (all bits clear) exactly
            // where z ≤ 0, so the mask is all ones where a's bits are not zero, and zero elsewhere.
            long bits = Double.doubleToRawLongBits(a[i]);
            long mask = (bits | -bits) >> 63;
            dz[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(d[i]) & mask);
        }
    }
}
