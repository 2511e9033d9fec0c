package dev.backprop.core.metrics;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import java.util.Map;
import dev.backprop.core.MatrixChecks;
import org.ejml.data.DMatrixRMaj;

/**
 * The book's accuracy for regression: the share of outputs within a fixed precision of their
 * targets, {@code |ŷ − y| < precision}. The book fixes the precision once, from the training
 * targets, as {@code std(y) / 250}: {@link #forTargets}.
 */
public final class RegressionAccuracy extends AccuracyMetric implements Configurable {

    /** The registered type: {@code "RegressionAccuracy"} with its {@code precision}. */
    public static final ComponentType<Metric> TYPE = ComponentType.of(Metric.class, "RegressionAccuracy",
            RegressionAccuracy.class, config -> new RegressionAccuracy(config.number("precision")));

    private final double precision;

    /**
     * @param precision the largest error that counts as right, positive
     */
    public RegressionAccuracy(double precision) {
        if (!(precision > 0) || !Double.isFinite(precision)) {
            throw new IllegalArgumentException("precision must be a finite number > 0, got " + precision);
        }
        this.precision = precision;
    }

    /**
     * The book's precision for these targets: their population standard deviation / 250.
     *
     * @param targets the training targets
     * @return the metric
     */
    public static RegressionAccuracy forTargets(DMatrixRMaj targets) {
        MatrixChecks.requireNonEmpty("RegressionAccuracy", "targets", targets);
        int size = targets.getNumElements();
        double mean = 0;
        for (int i = 0; i < size; i++) {
            mean += targets.data[i];
        }
        mean /= size;
        double squares = 0;
        for (int i = 0; i < size; i++) {
            double d = targets.data[i] - mean;
            squares += d * d;
        }
        return new RegressionAccuracy(Math.sqrt(squares / size) / 250);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("precision", precision);
    }

    /** @return the largest error that counts as right */
    public double precision() {
        return precision;
    }

    @Override
    public void update(DMatrixRMaj predictions, DMatrixRMaj targets) {
        MatrixChecks.requireSameShape("RegressionAccuracy", "targets", targets, predictions);
        int size = predictions.getNumElements();
        long right = 0;
        for (int i = 0; i < size; i++) {
            right += Math.abs(predictions.data[i] - targets.data[i]) < precision ? 1 : 0;
        }
        tally(right, size);
    }

}
