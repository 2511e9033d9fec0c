package dev.backprop.layers;

import dev.backprop.core.Layer;
import dev.backprop.core.component.ComponentType;
import org.ejml.data.DMatrixRMaj;

/**
 * Mish (Misra 2019), RealMLP's activation for regression: {@code z·tanh(softplus(z))}, with
 * {@code softplus(z) = ln(1 + eᶻ)} computed as {@code max(z, 0) + ln(1 + e^−|z|)} so that it
 * neither overflows nor loses small values (PyTorch's {@code nn.Mish}). Its derivative is
 * {@code tanh(s) + z·(1 − tanh²(s))·σ(z)}, s the softplus and σ the logistic sigmoid.
 */
public final class Mish extends BufferedActivation {

    /** The registered type: {@code "Mish"}, no hyper-parameters. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "Mish", Mish.class, config -> new Mish());

    @Override
    void activate(DMatrixRMaj input, DMatrixRMaj output) {
        double[] z = input.data;
        double[] a = output.data;
        int size = input.getNumElements();
        for (int i = 0; i < size; i++) {
            a[i] = z[i] * Math.tanh(softplus(z[i]));
        }
    }

    @Override
    void differentiate(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradInput) {
        double[] z = input.data;
        double[] d = gradOutput.data;
        double[] dz = gradInput.data;
        int size = gradOutput.getNumElements();
        for (int i = 0; i < size; i++) {
            double t = Math.tanh(softplus(z[i]));
            double sigmoid = 1 / (1 + Math.exp(-z[i]));
            dz[i] = d[i] * (t + z[i] * (1 - t * t) * sigmoid);
        }
    }

    private static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
