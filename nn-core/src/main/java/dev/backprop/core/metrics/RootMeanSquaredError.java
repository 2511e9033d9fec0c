package dev.backprop.core.metrics;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import java.util.Map;

/**
 * The root mean squared error, {@code √mean (ŷ − y)²}, reported as {@code "rmse"}, in the target's
 * own units (see {@link AbsoluteError} for {@code scale}).
 */
public final class RootMeanSquaredError extends RegressionErrors implements Configurable {

    /** The registered type: {@code "RootMeanSquaredError"} with its {@code scale} (default 1). */
    public static final ComponentType<Metric> TYPE = ComponentType.of(Metric.class, "RootMeanSquaredError",
            RootMeanSquaredError.class, config -> new RootMeanSquaredError(config.number("scale", 1))).withAliases("rmse");

    private final double scale;

    /** The error in the units of the outputs. */
    public RootMeanSquaredError() {
        this(1);
    }

    /**
     * @param scale multiplies the error: the standard deviation of standardised targets
     */
    public RootMeanSquaredError(double scale) {
        this.scale = positive("scale", scale);
    }

    @Override
    public String name() {
        return "rmse";
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : scale * Math.sqrt(squared / count);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("scale", scale);
    }
}
