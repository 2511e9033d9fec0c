package dev.backprop.optim;

import dev.backprop.core.Optimizer;
import dev.backprop.core.component.ComponentType;
import java.util.Map;

/**
 * RMSProp: like {@link AdaGrad}, but the cache is a moving average that forgets,
 * {@code c = ρ·c + (1 − ρ)·dw²; w += −lr · dw / (√c + ε)}.
 *
 * <p>Book defaults: learning rate 0.001, no decay, ε = 1e-7, ρ = 0.9.
 */
public final class RMSProp extends GradientDescent {

    /** The registered type: {@code "RMSProp"}, the learning rate and its decay, with {@code epsilon} and {@code rho}. */
    public static final ComponentType<Optimizer> TYPE = ComponentType.of(Optimizer.class, "RMSProp", RMSProp.class,
            config -> builder().configure(config)
                    .epsilon(config.number("epsilon", 1e-7)).rho(config.number("rho", 0.9)).build());

    private final double epsilon;
    private final double rho;

    /**
     * @param learningRate the learning rate, positive
     */
    public RMSProp(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private RMSProp(Builder builder) {
        super(builder, 1);
        this.epsilon = builder.epsilon();
        this.rho = builder.rho;
    }

    /** @return a builder with the book's defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void update(double[] value, double[] grad, int size, double rate, double[][] memory) {
        double[] cache = memory[0];
        for (int i = 0; i < size; i++) {
            cache[i] = rho * cache[i] + (1 - rho) * grad[i] * grad[i];
            value[i] += -rate * grad[i] / (Math.sqrt(cache[i]) + epsilon);
        }
    }

    /** @return ε */
    public double epsilon() {
        return epsilon;
    }

    /** @return ρ, the cache's memory */
    public double rho() {
        return rho;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("epsilon", epsilon);
        config.put("rho", rho);
        return config;
    }

    /** Options of {@link RMSProp}. */
    public static final class Builder extends AdaptiveBuilder<Builder, RMSProp> {

        private double rho = 0.9;

        private Builder() {
            super(0.001);
        }

        /**
         * @param rho the fraction of the cache kept per step, in [0, 1)
         * @return this builder
         */
        public Builder rho(double rho) {
            this.rho = fraction("rho", rho);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public RMSProp build() {
            return new RMSProp(this);
        }
    }
}
