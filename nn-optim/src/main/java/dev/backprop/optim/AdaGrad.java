package dev.backprop.optim;

import dev.backprop.core.Optimizer;
import dev.backprop.core.component.ComponentType;
import java.util.Map;

/**
 * AdaGrad: each weight's step is scaled down by the root of its accumulated squared gradients,
 * {@code c += dw²; w += −lr · dw / (√c + ε)}, so often-updated weights learn more slowly.
 *
 * <p>Book defaults: learning rate 1.0, no decay, ε = 1e-7.
 */
public final class AdaGrad extends GradientDescent {

    /** The registered type: {@code "AdaGrad"}, the learning rate and its decay, with {@code epsilon}. */
    public static final ComponentType<Optimizer> TYPE = ComponentType.of(Optimizer.class, "AdaGrad", AdaGrad.class,
            config -> builder().configure(config).epsilon(config.number("epsilon", 1e-7)).build());

    private final double epsilon;

    /**
     * @param learningRate the learning rate, positive
     */
    public AdaGrad(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private AdaGrad(Builder builder) {
        super(builder, 1);
        this.epsilon = builder.epsilon();
    }

    /** @return a builder with the book's defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void update(double[] value, double[] grad, int size, double rate, double[][] memory) {
        double[] cache = memory[0];
        for (int i = 0; i < size; i++) {
            cache[i] += grad[i] * grad[i];
            value[i] += -rate * grad[i] / (Math.sqrt(cache[i]) + epsilon);
        }
    }

    /** @return ε */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("epsilon", epsilon);
        return config;
    }

    /** Options of {@link AdaGrad}. */
    public static final class Builder extends AdaptiveBuilder<Builder, AdaGrad> {

        private Builder() {
            super(1.0);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public AdaGrad build() {
            return new AdaGrad(this);
        }
    }
}
