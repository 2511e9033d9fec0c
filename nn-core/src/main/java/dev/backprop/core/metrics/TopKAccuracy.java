package dev.backprop.core.metrics;

import dev.backprop.core.MatrixChecks;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The share of samples whose true class is among the {@code k} highest scores, scikit-learn's
 * {@code top_k_accuracy_score}, reported as {@code "top<k>_accuracy"}. A score tied with the k-th
 * counts as within (scikit-learn's order among ties is its sort's).
 */
public final class TopKAccuracy extends AccuracyMetric implements Configurable {

    /** The registered type: {@code "TopKAccuracy"} with its {@code k}. */
    public static final ComponentType<Metric> TYPE = ComponentType.of(Metric.class, "TopKAccuracy", TopKAccuracy.class,
            config -> new TopKAccuracy((int) config.integer("k", 1, 1 << 20)));

    private final int k;

    /** @param k how many of the highest scores count, at least 1 */
    public TopKAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("TopKAccuracy: k must be at least 1, got " + k);
        }
        this.k = k;
    }

    @Override
    String metricName() {
        return "top" + k + "_accuracy";
    }

    @Override
    public void update(DMatrixRMaj predictions, DMatrixRMaj targets) {
        MatrixChecks.requireNonEmpty("TopKAccuracy", "predictions", predictions);
        long right = 0;
        int cols = predictions.numCols;
        for (int row = 0; row < predictions.numRows; row++) {
            int truth = CategoricalAccuracy.targetClass(predictions, targets, row);
            double score = predictions.data[row * cols + truth];
            int above = 0;
            for (int j = 0; j < cols; j++) {
                above += predictions.data[row * cols + j] > score ? 1 : 0;
            }
            right += above < k ? 1 : 0;
        }
        tally(right, predictions.numRows);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("k", k);
    }
}
