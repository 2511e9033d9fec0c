package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Loss;
import org.ejml.data.DMatrixRMaj;

/**
 * Mean absolute error for regression: {@code |y − ŷ|} averaged over the outputs, then over the
 * samples. Targets have the predictions' shape.
 *
 * <p>The gradient is {@code sign(ŷ − y) / outputs / n} (0 where ŷ = y). The book writes
 * {@code sign(y − ŷ)}, which points uphill; a gradient check catches that.
 */
public final class MeanAbsoluteError extends BatchLoss {

    /** The registered type: {@code "MeanAbsoluteError"}, no hyper-parameters. */
    public static final ComponentType<Loss> TYPE = ComponentType.of(Loss.class, "MeanAbsoluteError", MeanAbsoluteError.class, config -> new MeanAbsoluteError()).withAliases("mae");

    @Override
    double meanLoss(DMatrixRMaj predictions, DMatrixRMaj targets) {
        int size = predictions.getNumElements();
        double total = 0;
        for (int i = 0; i < size; i++) {
            total += Math.abs(targets.data[i] - predictions.data[i]);
        }
        return total / size;
    }

    @Override
    void gradient(DMatrixRMaj predictions, DMatrixRMaj targets, DMatrixRMaj gradient) {
        int size = predictions.getNumElements();
        for (int i = 0; i < size; i++) {
            gradient.data[i] = Math.signum(predictions.data[i] - targets.data[i]) / size;
        }
    }
}
