package dev.backprop.core;

import org.ejml.data.DMatrixRMaj;

/**
 * The share of outputs on the right side of 0.5, as the book's binary accuracy: the prediction
 * {@code ŷ > 0.5} against the target {@code y > 0.5}, over every output of every sample.
 */
public final class BinaryAccuracy implements Metric {

    private long correct;
    private long count;

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public void reset() {
        correct = 0;
        count = 0;
    }

    @Override
    public void update(DMatrixRMaj predictions, DMatrixRMaj targets) {
        MatrixChecks.requireSameShape("BinaryAccuracy", "targets", targets, predictions);
        int size = predictions.getNumElements();
        for (int i = 0; i < size; i++) {
            correct += (predictions.data[i] > 0.5) == (targets.data[i] > 0.5) ? 1 : 0;
        }
        count += size;
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }
}
