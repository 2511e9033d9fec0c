package dev.backprop.optim;

import dev.backprop.core.Optimizer;
import dev.backprop.core.component.ComponentType;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter): before each Adam step the weights
 * shrink by {@code w *= 1 − lr·λ}, instead of adding {@code λ·w} to the gradient, where Adam's
 * scaling would weaken it for weights with large gradients. As PyTorch's {@code AdamW}, the decay
 * applies to every parameter given to {@link #step}.
 *
 * <p>Defaults: the book's Adam (learning rate 0.001, ε = 1e-7, β1 = 0.9, β2 = 0.999) and
 * PyTorch's weight decay λ = 0.01.
 */
public final class AdamW extends AdamMoments {

    /** The registered type: {@code "AdamW"}, the learning rate and its decay, with Adam's and {@code weightDecay}. */
    public static final ComponentType<Optimizer> TYPE = ComponentType.of(Optimizer.class, "AdamW", AdamW.class,
            config -> builder().configure(config).moments(config)
                    .weightDecay(config.number("weightDecay", 0.01)).build());

    /**
     * @param learningRate the learning rate, positive
     */
    public AdamW(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private AdamW(Builder builder) {
        super(builder, builder.weightDecay);
    }

    /** @return the decoupled weight decay λ */
    @Override
    public double weightDecay() {
        return super.weightDecay();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("weightDecay", weightDecay());
        return config;
    }

    /** Options of {@link AdamW}. */
    public static final class Builder extends MomentBuilder<Builder, AdamW> {

        private double weightDecay = 0.01;

        private Builder() {}

        /**
         * @param weightDecay the decoupled weight decay λ, a finite number ≥ 0
         * @return this builder
         */
        public Builder weightDecay(double weightDecay) {
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new IllegalArgumentException("weightDecay must be a finite number ≥ 0, got " + weightDecay);
            }
            this.weightDecay = weightDecay;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
