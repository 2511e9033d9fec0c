package dev.backprop.layers;

import dev.backprop.core.MatrixChecks;
import org.ejml.data.DMatrixRMaj;

/**
 * Classification targets in either of the book's forms: class indices (n × 1) or one-hot rows
 * (n × classes, or any distribution over the classes).
 */
final class ClassTargets {

    private ClassTargets() {}

    /** @return whether the targets are class indices rather than rows of class probabilities */
    static boolean areIndices(DMatrixRMaj predictions, DMatrixRMaj targets) {
        return targets.numCols == 1 && predictions.numCols > 1;
    }

    static void check(String owner, DMatrixRMaj predictions, DMatrixRMaj targets) {
        if (!areIndices(predictions, targets)) {
            MatrixChecks.requireSameShape(owner, "targets", targets, predictions);
            return;
        }
        if (targets.numRows != predictions.numRows) {
            throw new IllegalArgumentException(owner + ": targets has shape " + MatrixChecks.shape(targets)
                    + ", expected " + predictions.numRows + "×1 class indices or "
                    + MatrixChecks.shape(predictions) + " one-hot rows");
        }
        int classes = predictions.numCols;
        for (int row = 0; row < targets.numRows; row++) {
            double label = targets.data[row];
            if (!(label >= 0 && label < classes && label == Math.rint(label))) {
                throw new IllegalArgumentException(owner + ": target " + label + " at row " + row
                        + " is not a class index in [0, " + classes + ")");
            }
        }
    }

    /** Writes {@code (probabilities − y) / n}, the gradient of cross-entropy after softmax with respect to the logits. */
    static void softmaxGradient(DMatrixRMaj probabilities, DMatrixRMaj targets, DMatrixRMaj gradient) {
        int n = probabilities.numRows;
        int classes = probabilities.numCols;
        boolean indices = areIndices(probabilities, targets);
        gradient.reshape(n, classes);
        for (int row = 0, k = 0; row < n; row++) {
            for (int j = 0; j < classes; j++, k++) {
                gradient.data[k] = (probabilities.data[k] - probability(targets, indices, row, j, classes)) / n;
            }
        }
    }

    /** @return the target probability of {@code column} in {@code row} */
    static double probability(DMatrixRMaj targets, boolean indices, int row, int column, int classes) {
        if (indices) {
            return (int) targets.data[row] == column ? 1 : 0;
        }
        return targets.data[row * classes + column];
    }
}
