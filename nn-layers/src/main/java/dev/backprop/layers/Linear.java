package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Layer;
import org.ejml.data.DMatrixRMaj;

/** The identity, {@code f(z) = z}: the output activation of a regression model. */
public final class Linear extends BufferedActivation {

    /** The registered type: {@code "Linear"}, no hyper-parameters. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "Linear", Linear.class, config -> new Linear());

    @Override
    void activate(DMatrixRMaj input, DMatrixRMaj output) {
        System.arraycopy(input.data, 0, output.data, 0, input.getNumElements());
    }

    @Override
    void differentiate(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradInput) {
        System.arraycopy(gradOutput.data, 0, gradInput.data, 0, gradOutput.getNumElements());
    }
}
