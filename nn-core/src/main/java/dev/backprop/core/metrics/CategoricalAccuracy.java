package dev.backprop.core.metrics;

import dev.backprop.core.component.ComponentType;
import org.ejml.data.DMatrixRMaj;

/**
 * The share of samples whose largest output is at the target class: the book's
 * {@code mean(argmax(ŷ) == y)}. Targets are class indices (n × 1) or one-hot rows.
 */
public final class CategoricalAccuracy extends AccuracyMetric {

    /** The registered type: {@code "CategoricalAccuracy"}, no hyper-parameters. */
    public static final ComponentType<Metric> TYPE =
            ComponentType.of(Metric.class, "CategoricalAccuracy", CategoricalAccuracy.class, config -> new CategoricalAccuracy());

    @Override
    public void update(DMatrixRMaj predictions, DMatrixRMaj targets) {
        long right = 0;
        for (int row = 0; row < predictions.numRows; row++) {
            right += argmax(predictions, row) == targetClass(predictions, targets, row) ? 1 : 0;
        }
        tally(right, predictions.numRows);
    }

    /** @return the column of the largest entry of {@code row}, the first one on a tie */
    static int argmax(DMatrixRMaj matrix, int row) {
        int cols = matrix.numCols;
        int start = row * cols;
        int best = 0;
        for (int j = 1; j < cols; j++) {
            if (matrix.data[start + j] > matrix.data[start + best]) {
                best = j;
            }
        }
        return best;
    }

    /** @return the class of {@code row}: its index, or the argmax of its one-hot row */
    static int targetClass(DMatrixRMaj predictions, DMatrixRMaj targets, int row) {
        if (targets.numCols == 1 && predictions.numCols > 1) {
            return (int) targets.data[row];
        }
        return argmax(targets, row);
    }
}
