package dev.backprop.optim;

import dev.backprop.core.Optimizer;
import dev.backprop.core.component.ComponentType;
import java.util.Map;

/**
 * Stochastic gradient descent, the seed's rule {@code w += −lr · dw}, with the book's optional
 * momentum {@code v = μ·v − lr·dw; w += v} and optional Nesterov momentum, which steps from the
 * look-ahead {@code w += μ·v − lr·dw} with the updated {@code v}.
 *
 * <p>Book defaults: learning rate 1.0, no decay, no momentum.
 */
public final class SGD extends GradientDescent {

    /** The registered type: {@code "SGD"}, the learning rate and its decay, with {@code momentum} and {@code nesterov}. */
    public static final ComponentType<Optimizer> TYPE = ComponentType.of(Optimizer.class, "SGD", SGD.class,
            config -> builder().configure(config)
                    .momentum(config.number("momentum", 0)).nesterov(config.bool("nesterov", false)).build());

    private final double momentum;
    private final boolean nesterov;

    /**
     * Plain SGD without momentum or decay.
     *
     * @param learningRate the learning rate, positive
     */
    public SGD(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private SGD(Builder builder) {
        super(builder, builder.momentum > 0 ? 1 : 0);
        this.momentum = builder.momentum;
        this.nesterov = builder.nesterov;
    }

    /** @return a builder with the book's defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void update(double[] value, double[] grad, int size, double rate, double[][] memory) {
        if (momentum == 0) {
            for (int i = 0; i < size; i++) {
                value[i] += -rate * grad[i];
            }
            return;
        }
        double[] velocity = memory[0];
        for (int i = 0; i < size; i++) {
            velocity[i] = momentum * velocity[i] - rate * grad[i];
            value[i] += nesterov ? momentum * velocity[i] - rate * grad[i] : velocity[i];
        }
    }

    /** @return the momentum μ, 0 for none */
    public double momentum() {
        return momentum;
    }

    /** @return whether the momentum is Nesterov's */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
        return config;
    }

    /** Options of {@link SGD}. */
    public static final class Builder extends GradientDescent.Builder<Builder, SGD> {

        private double momentum;
        private boolean nesterov;

        private Builder() {
            super(1.0);
        }

        /**
         * @param momentum the fraction μ of the previous update kept, in [0, 1)
         * @return this builder
         */
        public Builder momentum(double momentum) {
            this.momentum = fraction("momentum", momentum);
            return this;
        }

        /**
         * @param nesterov whether to use Nesterov momentum (needs a momentum above 0)
         * @return this builder
         */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public SGD build() {
            if (nesterov && momentum == 0) {
                throw new IllegalArgumentException("Nesterov momentum needs a momentum above 0");
            }
            return new SGD(this);
        }
    }
}
