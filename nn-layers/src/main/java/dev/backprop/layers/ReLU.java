package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Layer;
import org.ejml.data.DMatrixRMaj;

/**
 * Rectified linear unit: {@code max(0, z)}; its gradient is 0 where {@code z ≤ 0}, as in the book.
 * A NaN input stays NaN, as in PyTorch; so does a NaN or infinite gradient coming back, also where
 * {@code z ≤ 0} (it multiplies the 0 there, and a loss that is not finite stops training anyway).
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
            // dz = a > 0 ? d : 0 in arithmetic the JIT turns into vector code (a select does not
            // vectorise): a = max(z, 0) is +0.0 where z ≤ 0, and at least 2^-1074 elsewhere, so
            // min(a·2^1074, 1) is exactly 0 or 1; + 0.0 turns the −0.0 of a negative d times 0 into 0.
            dz[i] = Math.min(a[i] * 0x1p537 * 0x1p537, 1.0) * d[i] + 0.0;
        }
    }
}
