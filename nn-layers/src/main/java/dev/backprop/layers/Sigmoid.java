package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Layer;
import org.ejml.data.DMatrixRMaj;

/** Logistic sigmoid {@code σ(z) = 1 / (1 + e^−z)}; its derivative is {@code σ·(1 − σ)}. */
public final class Sigmoid extends BufferedActivation {

    /** The registered type: {@code "Sigmoid"}, no hyper-parameters. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "Sigmoid", Sigmoid.class, config -> new Sigmoid());

    @Override
    void activate(DMatrixRMaj input, DMatrixRMaj output) {
        double[] z = input.data;
        double[] a = output.data;
        int size = input.getNumElements();
        for (int i = 0; i < size; i++) {
            // Two forms, so that e^x never overflows for large |z|.
            if (z[i] >= 0) {
                a[i] = 1 / (1 + Math.exp(-z[i]));
            } else {
                double e = Math.exp(z[i]);
                a[i] = e / (1 + e);
            }
        }
    }

    @Override
    void differentiate(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradInput) {
        double[] a = output.data;
        double[] d = gradOutput.data;
        double[] dz = gradInput.data;
        int size = gradOutput.getNumElements();
        for (int i = 0; i < size; i++) {
            dz[i] = d[i] * (1 - a[i]) * a[i];
        }
    }
}
