package com.example.custom;

import dev.backprop.core.Optimizer;
import dev.backprop.core.component.ComponentType;
import dev.backprop.optim.GradientDescent;
import java.util.Map;

/**
 * A user's optimizer: Lion (Chen et al., 2023), the sign of an interpolated momentum.
 * <pre>
 * c = β1·m + (1 − β1)·dw;   w −= lr · (sign(c) + λ·w);   m = β2·m + (1 − β2)·dw
 * </pre>
 * The base class brings the learning rate, its decay, the per-parameter state and its saving.
 */
public final class Lion extends GradientDescent {

    /** How model files name and rebuild it. */
    public static final ComponentType<Optimizer> TYPE = ComponentType.of(Optimizer.class, "Lion", Lion.class,
            config -> new Lion(config.number("learningRate"), config.number("beta1", 0.9),
                    config.number("beta2", 0.99), config.number("weightDecay", 0)));

    private final double beta1;
    private final double beta2;
    private final double weightDecay;

    public Lion(double learningRate, double beta1, double beta2, double weightDecay) {
        super(learningRate, 0, 1);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
    }

    @Override
    protected void update(double[] value, double[] grad, int size, double rate, double[][] memory) {
        double[] momentum = memory[0];
        for (int i = 0; i < size; i++) {
            double interpolated = beta1 * momentum[i] + (1 - beta1) * grad[i];
            value[i] -= rate * (Math.signum(interpolated) + weightDecay * value[i]);
            momentum[i] = beta2 * momentum[i] + (1 - beta2) * grad[i];
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("beta1", beta1);
        config.put("beta2", beta2);
        config.put("weightDecay", weightDecay);
        return config;
    }
}
