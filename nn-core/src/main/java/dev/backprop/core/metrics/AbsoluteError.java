package dev.backprop.core.metrics;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import java.util.Map;

/**
 * The mean absolute error, {@code mean |ŷ − y|}, reported as {@code "mae"}, in the target's own
 * units: a model trained on standardised targets gives {@code scale} = the targets' standard
 * deviation, by which the error is multiplied.
 */
public final class AbsoluteError extends RegressionErrors implements Configurable {

    /** The registered type: {@code "AbsoluteError"} with its {@code scale} (default 1). */
    public static final ComponentType<Metric> TYPE = ComponentType.of(Metric.class, "AbsoluteError",
            AbsoluteError.class, config -> new AbsoluteError(config.number("scale", 1))).withAliases("mae");

    private final double scale;

    /** The error in the units of the outputs. */
    public AbsoluteError() {
        this(1);
    }

    /**
     * @param scale multiplies the error: the standard deviation of standardised targets
     */
    public AbsoluteError(double scale) {
        this.scale = positive("scale", scale);
    }

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : scale * absolute / count;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("scale", scale);
    }
}
