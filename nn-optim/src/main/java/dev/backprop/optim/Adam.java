package dev.backprop.optim;

import dev.backprop.core.Optimizer;
import dev.backprop.core.component.ComponentType;

/**
 * Adam: momentum and RMSProp's cache together, each corrected for its start at zero.
 * With {@code t} the step number from 1:
 * <pre>
 * m = β1·m + (1 − β1)·dw        m̂ = m / (1 − β1^t)
 * v = β2·v + (1 − β2)·dw²       v̂ = v / (1 − β2^t)
 * w += −lr · m̂ / (√v̂ + ε)
 * </pre>
 *
 * <p>Book defaults: learning rate 0.001, no decay, ε = 1e-7, β1 = 0.9, β2 = 0.999.
 * {@link AdamW} adds decoupled weight decay.
 */
public final class Adam extends AdamMoments {

    /** The registered type: {@code "Adam"}, the learning rate and its decay, with {@code epsilon}, {@code beta1}, {@code beta2}. */
    public static final ComponentType<Optimizer> TYPE = ComponentType.of(Optimizer.class, "Adam", Adam.class,
            config -> builder().configure(config).moments(config).build());

    /**
     * @param learningRate the learning rate, positive
     */
    public Adam(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private Adam(Builder builder) {
        super(builder, 0);
    }

    /** @return a builder with the book's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of {@link Adam}. */
    public static final class Builder extends MomentBuilder<Builder, Adam> {

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public Adam build() {
            return new Adam(this);
        }
    }
}
