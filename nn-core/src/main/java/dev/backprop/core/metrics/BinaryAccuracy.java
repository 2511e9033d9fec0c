package dev.backprop.core.metrics;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.MatrixChecks;
import org.ejml.data.DMatrixRMaj;

/**
 * The share of outputs on the right side of 0.5, as the book's binary accuracy: the prediction
 * {@code ŷ > 0.5} against the target {@code y > 0.5}, over every output of every sample.
 */
public final class BinaryAccuracy extends AccuracyMetric {

    /** The registered type: {@code "BinaryAccuracy"}, no hyper-parameters. */
    public static final ComponentType<Metric> TYPE =
            ComponentType.of(Metric.class, "BinaryAccuracy", BinaryAccuracy.class, config -> new BinaryAccuracy());

    @Override
    public void update(DMatrixRMaj predictions, DMatrixRMaj targets) {
        MatrixChecks.requireSameShape("BinaryAccuracy", "targets", targets, predictions);
        int size = predictions.getNumElements();
        long right = 0;
        for (int i = 0; i < size; i++) {
            right += (predictions.data[i] > 0.5) == (targets.data[i] > 0.5) ? 1 : 0;
        }
        tally(right, size);
    }

}
