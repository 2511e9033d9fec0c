package dev.backprop.core.metrics;

import dev.backprop.core.component.ComponentType;

/**
 * The mean cross-entropy of predicted probabilities, scikit-learn's {@code log_loss}, reported as
 * {@code "log_loss"}: each row of probabilities is clipped to [ε, 1 − ε] (ε the double's machine
 * epsilon) and renormalised, then {@code −log p} of the true class is averaged. Predictions are
 * n × 1 probabilities of the positive class with 0/1 targets, or n × k probabilities with class
 * indices or one-hot targets.
 */
public final class LogLoss extends ScoredSamples {

    /** The registered type: {@code "LogLoss"}, no hyper-parameters. */
    public static final ComponentType<Metric> TYPE = ComponentType.of(Metric.class, "LogLoss", LogLoss.class,
            config -> new LogLoss()).withAliases("log_loss");

    private static final double EPSILON = Math.ulp(1.0);

    @Override
    public String name() {
        return "log_loss";
    }

    @Override
    public double value() {
        if (count == 0) {
            return Double.NaN;
        }
        double total = 0;
        for (int row = 0; row < count; row++) {
            double truth;
            double sum;
            if (columns == 1) {
                double p = clip(scores[row]);
                double q = clip(1 - scores[row]);
                sum = p + q;
                truth = classes[row] == 1 ? p : q;
            } else {
                sum = 0;
                for (int j = 0; j < columns; j++) {
                    sum += clip(scores[row * columns + j]);
                }
                truth = clip(scores[row * columns + classes[row]]);
            }
            total -= Math.log(truth / sum);
        }
        return total / count;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPSILON), 1 - EPSILON);
    }
}
