package dev.backprop.core;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import java.util.List;
import java.util.Map;

/**
 * {@link ColumnScale} with an L2 penalty and multiplicative noise, registered as a component type,
 * so that what builds copies of a network from the registry (threads) can copy it.
 */
public final class NoisyScale extends ColumnScale implements Configurable {

    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "TestNoisyScale", NoisyScale.class,
            config -> new NoisyScale((int) config.integer("width", 1, 1 << 20)))
            .withParameterShapes(config -> List.of(new int[] {1, (int) config.integer("width", 1, 1 << 20)}));

    private final int width;

    public NoisyScale(int width) {
        super(ones(width), 0.01, true, 0);
        this.width = width;
    }

    private static double[] ones(int width) {
        double[] ones = new double[width];
        java.util.Arrays.fill(ones, 1);
        return ones;
    }

    /** The threads' 64-bit seeds, folded into NumPy's 32-bit range as Dropout folds them. */
    @Override
    public void reseed(long seed) {
        super.reseed(seed & 0xffffffffL);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("width", width);
    }
}
