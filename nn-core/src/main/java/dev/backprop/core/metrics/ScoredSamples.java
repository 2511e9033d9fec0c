package dev.backprop.core.metrics;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * The scores and classes of every sample of an epoch, for metrics that need them all at once
 * (the area under the ROC curve): predictions are n × 1 probabilities of the positive class with
 * 0/1 targets, or n × k class scores with class indices or one-hot targets.
 */
abstract class ScoredSamples implements Metric {

    double[] scores = new double[0];
    int[] classes = new int[0];
    int columns;
    int count;

    @Override
    public final void reset() {
        count = 0;
        columns = 0;
    }

    @Override
    public final void update(DMatrixRMaj predictions, DMatrixRMaj targets) {
        if (targets.numRows != predictions.numRows) {
            throw new IllegalArgumentException(name() + ": " + targets.numRows + " targets for " + predictions.numRows
                    + " predictions");
        }
        if (columns != 0 && columns != predictions.numCols) {
            throw new IllegalArgumentException(name() + ": batches of " + columns + " and " + predictions.numCols
                    + " columns");
        }
        columns = predictions.numCols;
        int n = predictions.numRows;
        if (scores.length < (count + n) * columns) {
            scores = Arrays.copyOf(scores, Math.max(2 * scores.length, (count + n) * columns));
            classes = Arrays.copyOf(classes, Math.max(2 * classes.length, count + n));
        }
        System.arraycopy(predictions.data, 0, scores, count * columns, n * columns);
        for (int row = 0; row < n; row++) {
            int label = columns == 1 ? (targets.data[row] > 0.5 ? 1 : 0)
                    : CategoricalAccuracy.targetClass(predictions, targets, row);
            if (label < 0 || label >= Math.max(2, columns)) {
                throw new IllegalArgumentException(name() + ": target class " + label + " at row " + row
                        + " is not among the " + Math.max(2, columns) + " classes");
            }
            classes[count + row] = label;
        }
        count += n;
    }
}
