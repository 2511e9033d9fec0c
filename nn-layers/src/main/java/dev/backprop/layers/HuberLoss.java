package dev.backprop.layers;

import dev.backprop.core.Loss;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Huber loss for regression, PyTorch's {@code HuberLoss(delta)}: with {@code e = ŷ − y},
 * {@code e² / 2} where {@code |e| ≤ δ}, else {@code δ·(|e| − δ/2)}; averaged over the outputs, then
 * the samples. Squared near the target, linear far from it, so outliers pull less than in MSE.
 *
 * <p>The gradient is {@code e} where {@code |e| ≤ δ}, else {@code δ·sign(e)}, over outputs and samples.
 */
public final class HuberLoss extends BatchLoss implements Configurable {

    /** The registered type: {@code "HuberLoss"} with its {@code delta} (default 1). */
    public static final ComponentType<Loss> TYPE = ComponentType.of(Loss.class, "HuberLoss", HuberLoss.class,
            config -> new HuberLoss(config.number("delta", 1))).withAliases("huber");

    private final double delta;

    /** δ = 1, PyTorch's default. */
    public HuberLoss() {
        this(1);
    }

    /**
     * @param delta where the loss turns from squared to linear, positive
     */
    public HuberLoss(double delta) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("HuberLoss: delta must be a finite number > 0, got " + delta);
        }
        this.delta = delta;
    }

    /** @return δ */
    public double delta() {
        return delta;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("delta", delta);
    }

    @Override
    double meanLoss(DMatrixRMaj predictions, DMatrixRMaj targets) {
        int size = predictions.getNumElements();
        double total = 0;
        for (int i = 0; i < size; i++) {
            double error = Math.abs(predictions.data[i] - targets.data[i]);
            total += error <= delta ? error * error / 2 : delta * (error - delta / 2);
        }
        return total / size;
    }

    @Override
    void gradient(DMatrixRMaj predictions, DMatrixRMaj targets, DMatrixRMaj gradient) {
        int size = predictions.getNumElements();
        for (int i = 0; i < size; i++) {
            double error = predictions.data[i] - targets.data[i];
            gradient.data[i] = (Math.abs(error) <= delta ? error : delta * Math.signum(error)) / size;
        }
    }
}
