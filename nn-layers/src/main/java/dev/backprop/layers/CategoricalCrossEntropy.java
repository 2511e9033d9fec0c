package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Loss;
import dev.backprop.core.FusedLoss;
import dev.backprop.core.Layer;
import org.ejml.data.DMatrixRMaj;

/**
 * Cross-entropy of predicted class probabilities (the output of {@link Softmax}):
 * {@code −Σ_j y_j · log ŷ_j} per sample, averaged over the samples.
 *
 * <p>Targets are class indices (n × 1) or one-hot rows (n × classes). Probabilities are clipped to
 * [1e-7, 1 − 1e-7] before the log, as the book does, so a confident wrong answer costs about 16.1
 * rather than infinity. The gradient is {@code −y / ŷ / n}, with the same clipped ŷ in the divisor.
 * After a {@link Softmax} layer it offers the fused gradient {@code (ŷ − y) / n} with respect to
 * the softmax's input ({@link FusedLoss}), which {@link dev.backprop.core.train.Model} uses by itself;
 * {@link SoftmaxCrossEntropy} is the same pair as one loss on logits.
 */
public final class CategoricalCrossEntropy extends BatchLoss implements FusedLoss {

    /** The registered type: {@code "CategoricalCrossEntropy"}, no hyper-parameters. */
    public static final ComponentType<Loss> TYPE = ComponentType.of(Loss.class, "CategoricalCrossEntropy", CategoricalCrossEntropy.class, config -> new CategoricalCrossEntropy());

    private final DMatrixRMaj fusedGradient = new DMatrixRMaj(1, 1);

    @Override
    void checkTargets(DMatrixRMaj predictions, DMatrixRMaj targets) {
        ClassTargets.check(toString(), predictions, targets);
    }

    @Override
    double meanLoss(DMatrixRMaj predictions, DMatrixRMaj targets) {
        int n = predictions.numRows;
        int classes = predictions.numCols;
        boolean indices = ClassTargets.areIndices(predictions, targets);
        double total = 0;
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < classes; j++) {
                double y = ClassTargets.probability(targets, indices, row, j, classes);
                if (y != 0) {
                    total -= y * Math.log(clip(predictions.data[row * classes + j]));
                }
            }
        }
        return total / n;
    }

    @Override
    void gradient(DMatrixRMaj predictions, DMatrixRMaj targets, DMatrixRMaj gradient) {
        int n = predictions.numRows;
        int classes = predictions.numCols;
        boolean indices = ClassTargets.areIndices(predictions, targets);
        for (int row = 0, k = 0; row < n; row++) {
            for (int j = 0; j < classes; j++, k++) {
                double y = ClassTargets.probability(targets, indices, row, j, classes);
                gradient.data[k] = -y / clip(predictions.data[k]) / n;
            }
        }
    }

    /** @return whether {@code lastLayer} is a {@link Softmax} */
    @Override
    public boolean fusesWith(Layer lastLayer) {
        return lastLayer instanceof Softmax;
    }

    /** @return {@code (ŷ − y) / n} for the last forward pass, the gradient at the softmax's input */
    @Override
    public DMatrixRMaj backwardThrough(Layer lastLayer) {
        if (!fusesWith(lastLayer)) {
            throw new IllegalArgumentException(this + " fuses only with Softmax, not with " + lastLayer);
        }
        ClassTargets.softmaxGradient(lastPredictions(), lastTargets(), fusedGradient);
        return fusedGradient;
    }
}
