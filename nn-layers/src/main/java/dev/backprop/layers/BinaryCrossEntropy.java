package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Loss;
import org.ejml.data.DMatrixRMaj;

/**
 * Binary cross-entropy of independent probabilities (the output of {@link Sigmoid}), one or more
 * per sample: {@code −(y·log ŷ + (1 − y)·log(1 − ŷ))}, averaged over the outputs, then over the
 * samples. Targets have the predictions' shape, each 0 or 1 (or a probability in between).
 *
 * <p>ŷ is clipped to [1e-7, 1 − 1e-7] as the book does, in the loss and in the gradient
 * {@code −(y/ŷ − (1 − y)/(1 − ŷ)) / outputs / n}.
 */
public final class BinaryCrossEntropy extends BatchLoss {

    /** The registered type: {@code "BinaryCrossEntropy"}, no hyper-parameters. */
    public static final ComponentType<Loss> TYPE = ComponentType.of(Loss.class, "BinaryCrossEntropy", BinaryCrossEntropy.class, config -> new BinaryCrossEntropy());

    @Override
    double meanLoss(DMatrixRMaj predictions, DMatrixRMaj targets) {
        int size = predictions.getNumElements();
        double total = 0;
        for (int i = 0; i < size; i++) {
            double p = clip(predictions.data[i]);
            double y = targets.data[i];
            total -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
        }
        return total / size;
    }

    @Override
    void gradient(DMatrixRMaj predictions, DMatrixRMaj targets, DMatrixRMaj gradient) {
        int size = predictions.getNumElements();
        for (int i = 0; i < size; i++) {
            double p = clip(predictions.data[i]);
            double y = targets.data[i];
            gradient.data[i] = -(y / p - (1 - y) / (1 - p)) / size;
        }
    }
}
