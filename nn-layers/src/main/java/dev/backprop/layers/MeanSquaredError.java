package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Loss;
import org.ejml.data.DMatrixRMaj;

/**
 * Mean squared error for regression: {@code (y − ŷ)²} averaged over the outputs, then over the
 * samples; the gradient is {@code −2(y − ŷ) / outputs / n}. Targets have the predictions' shape.
 */
public final class MeanSquaredError extends BatchLoss {

    /** The registered type: {@code "MeanSquaredError"}, no hyper-parameters. */
    public static final ComponentType<Loss> TYPE = ComponentType.of(Loss.class, "MeanSquaredError", MeanSquaredError.class, config -> new MeanSquaredError()).withAliases("mse");

    @Override
    double meanLoss(DMatrixRMaj predictions, DMatrixRMaj targets) {
        int size = predictions.getNumElements();
        double total = 0;
        for (int i = 0; i < size; i++) {
            double error = targets.data[i] - predictions.data[i];
            total += error * error;
        }
        return total / size;
    }

    @Override
    void gradient(DMatrixRMaj predictions, DMatrixRMaj targets, DMatrixRMaj gradient) {
        int size = predictions.getNumElements();
        for (int i = 0; i < size; i++) {
            gradient.data[i] = -2 * (targets.data[i] - predictions.data[i]) / size;
        }
    }
}
