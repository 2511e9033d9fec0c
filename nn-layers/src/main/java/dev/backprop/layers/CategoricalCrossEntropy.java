package dev.backprop.layers;

import org.ejml.data.DMatrixRMaj;

/**
 * Cross-entropy of predicted class probabilities (the output of {@link Softmax}):
 * {@code −Σ_j y_j · log ŷ_j} per sample, averaged over the samples.
 *
 * <p>Targets are class indices (n × 1) or one-hot rows (n × classes). Probabilities are clipped to
 * [1e-7, 1 − 1e-7] before the log, as the book does, so a confident wrong answer costs about 16.1
 * rather than infinity. The gradient is {@code −y / ŷ / n}, with the same clipped ŷ in the divisor.
 * After a Softmax layer, {@link SoftmaxCrossEntropy} gives the same loss with a cheaper, more
 * accurate gradient.
 */
public final class CategoricalCrossEntropy extends BatchLoss {

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
}
