package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Layer;
import dev.backprop.core.component.Configurable;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** Leaky ReLU: {@code z} where {@code z > 0}, {@code α·z} elsewhere, so no unit dies entirely. */
public final class LeakyReLU extends BufferedActivation implements Configurable {

    private static final double DEFAULT_ALPHA = 0.01;

    /** The registered type: {@code "LeakyReLU"} with its slope {@code alpha} (default 0.01). */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "LeakyReLU", LeakyReLU.class,
            config -> new LeakyReLU(config.number("alpha", DEFAULT_ALPHA)));

    private final double alpha;

    /** A leaky ReLU with slope α = 0.01 for negative inputs. */
    public LeakyReLU() {
        this(DEFAULT_ALPHA);
    }

    /**
     * @param alpha the slope for negative inputs, from 0 (plain ReLU) to 1 (identity)
     */
    public LeakyReLU(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("LeakyReLU: alpha must be in [0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("alpha", alpha);
    }

    @Override
    void activate(DMatrixRMaj input, DMatrixRMaj output) {
        double[] z = input.data;
        double[] a = output.data;
        int size = input.getNumElements();
        for (int i = 0; i < size; i++) {
            a[i] = z[i] > 0 ? z[i] : alpha * z[i];
        }
    }

    @Override
    void differentiate(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradInput) {
        double[] z = input.data;
        double[] d = gradOutput.data;
        double[] dz = gradInput.data;
        int size = gradOutput.getNumElements();
        for (int i = 0; i < size; i++) {
            dz[i] = z[i] > 0 ? d[i] : alpha * d[i];
        }
    }

    /** @return the slope for negative inputs */
    public double alpha() {
        return alpha;
    }

    @Override
    public String toString() {
        return "LeakyReLU(" + alpha + ")";
    }
}
