package dev.backprop.layers;

import dev.backprop.core.Layer;
import dev.backprop.core.component.ComponentType;
import org.ejml.data.DMatrixRMaj;

/**
 * Scaled exponential linear unit (Klambauer et al. 2017), RealMLP's activation for
 * classification: {@code λ·z} for {@code z > 0}, {@code λ·α·(eᶻ − 1)} otherwise, with the
 * self-normalising constants λ ≈ 1.0507 and α ≈ 1.6733 (PyTorch's {@code nn.SELU}). Its derivative
 * is λ above 0 and {@code λ·α·eᶻ = a + λ·α} below.
 */
public final class SELU extends BufferedActivation {

    /** The registered type: {@code "SELU"}, no hyper-parameters. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "SELU", SELU.class, config -> new SELU());

    /** λ, the scale. */
    public static final double LAMBDA = 1.0507009873554804934193349852946;
    /** α, the negative saturation. */
    public static final double ALPHA = 1.6732632423543772848170429916717;

    @Override
    void activate(DMatrixRMaj input, DMatrixRMaj output) {
        double[] z = input.data;
        double[] a = output.data;
        int size = input.getNumElements();
        for (int i = 0; i < size; i++) {
            a[i] = z[i] > 0 ? LAMBDA * z[i] : LAMBDA * ALPHA * Math.expm1(z[i]);
        }
    }

    @Override
    void differentiate(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradInput) {
        double[] z = input.data;
        double[] a = output.data;
        double[] d = gradOutput.data;
        double[] dz = gradInput.data;
        int size = gradOutput.getNumElements();
        for (int i = 0; i < size; i++) {
            dz[i] = d[i] * (z[i] > 0 ? LAMBDA : a[i] + LAMBDA * ALPHA);
        }
    }
}
