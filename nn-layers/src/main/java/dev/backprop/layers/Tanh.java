package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Layer;
import org.ejml.data.DMatrixRMaj;

/** Hyperbolic tangent; its derivative is {@code 1 − tanh²(z)}. */
public final class Tanh extends BufferedActivation {

    /** The registered type: {@code "Tanh"}, no hyper-parameters. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "Tanh", Tanh.class, config -> new Tanh());

    @Override
    void activate(DMatrixRMaj input, DMatrixRMaj output) {
        double[] z = input.data;
        double[] a = output.data;
        int size = input.getNumElements();
        for (int i = 0; i < size; i++) {
            a[i] = Math.tanh(z[i]);
        }
    }

    @Override
    void differentiate(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradInput) {
        double[] a = output.data;
        double[] d = gradOutput.data;
        double[] dz = gradInput.data;
        int size = gradOutput.getNumElements();
        for (int i = 0; i < size; i++) {
            dz[i] = d[i] * (1 - a[i] * a[i]);
        }
    }
}
