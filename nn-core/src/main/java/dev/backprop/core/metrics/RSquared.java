package dev.backprop.core.metrics;

import dev.backprop.core.component.ComponentType;

/**
 * The coefficient of determination, {@code R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²}, reported as {@code "r2"},
 * over every output of the epoch (scikit-learn's {@code r2_score} for one output). 1 is a perfect
 * fit, 0 is no better than the mean; it does not depend on the targets' units. NaN when every target
 * is the same.
 */
public final class RSquared extends RegressionErrors {

    /** The registered type: {@code "RSquared"}, no hyper-parameters. */
    public static final ComponentType<Metric> TYPE = ComponentType.of(Metric.class, "RSquared", RSquared.class,
            config -> new RSquared()).withAliases("r2");

    @Override
    public String name() {
        return "r2";
    }

    @Override
    public double value() {
        double total = targetSquares - targets * targets / count;
        return count == 0 || !(total > 0) ? Double.NaN : 1 - squared / total;
    }
}
