package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Layer;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax over each row: {@code s_j = e^(z_j − max z) / Σ_k e^(z_k − max z)}, a probability
 * distribution per sample. Subtracting the row maximum changes nothing mathematically and keeps
 * {@code e^x} from overflowing.
 *
 * <p>The backward pass applies each sample's full Jacobian {@code J = diag(s) − s·sᵀ} to the
 * incoming gradient, in the form {@code J·d = s ⊙ (d − (s·d))} that needs no k × k matrix. Followed
 * by a cross-entropy loss, {@link SoftmaxCrossEntropy} does both in one cheaper step.
 */
public final class Softmax extends BufferedActivation {

    /** The registered type: {@code "Softmax"}, no hyper-parameters. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "Softmax", Softmax.class, config -> new Softmax());

    @Override
    void activate(DMatrixRMaj input, DMatrixRMaj output) {
        int cols = input.numCols;
        double[] z = input.data;
        double[] s = output.data;
        for (int start = 0; start < input.getNumElements(); start += cols) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = start; j < start + cols; j++) {
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = start; j < start + cols; j++) {
                s[j] = Math.exp(z[j] - max);
                sum += s[j];
            }
            for (int j = start; j < start + cols; j++) {
                s[j] /= sum;
            }
        }
    }

    @Override
    void differentiate(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradInput) {
        int cols = output.numCols;
        double[] s = output.data;
        double[] d = gradOutput.data;
        double[] dz = gradInput.data;
        for (int start = 0; start < output.getNumElements(); start += cols) {
            double dot = 0;
            for (int j = start; j < start + cols; j++) {
                dot += s[j] * d[j];
            }
            for (int j = start; j < start + cols; j++) {
                dz[j] = s[j] * (d[j] - dot);
            }
        }
    }
}
