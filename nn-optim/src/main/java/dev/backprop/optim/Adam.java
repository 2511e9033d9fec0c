package dev.backprop.optim;

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
 */
public final class Adam extends GradientDescent {

    private final double epsilon;
    private final double beta1;
    private final double beta2;

    /**
     * @param learningRate the learning rate, positive
     */
    public Adam(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private Adam(Builder builder) {
        super(builder, 2);
        this.epsilon = builder.epsilon;
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
    }

    /** @return a builder with the book's defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void update(double[] value, double[] grad, int size, double rate, double[][] memory) {
        step(value, grad, size, rate, memory, iterations() + 1, beta1, beta2, epsilon);
    }

    /** One Adam update of one parameter at step {@code t} (from 1); shared with {@link AdamW}. */
    static void step(double[] value, double[] grad, int size, double rate, double[][] memory, long t,
            double beta1, double beta2, double epsilon) {
        double[] m = memory[0];
        double[] v = memory[1];
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < size; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
            v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
            double mHat = m[i] / correction1;
            double vHat = v[i] / correction2;
            value[i] += -rate * mHat / (Math.sqrt(vHat) + epsilon);
        }
    }

    /** @return ε */
    public double epsilon() {
        return epsilon;
    }

    /** @return β1, the memory of the first moment */
    public double beta1() {
        return beta1;
    }

    /** @return β2, the memory of the second moment */
    public double beta2() {
        return beta2;
    }

    /**
     * Options of {@link Adam} and {@link AdamW}.
     *
     * @param <B> the concrete builder
     * @param <O> the optimizer it builds
     */
    public abstract static class MomentBuilder<B extends MomentBuilder<B, O>, O extends GradientDescent>
            extends AdaptiveBuilder<B, O> {

        double beta1 = 0.9;
        double beta2 = 0.999;

        MomentBuilder() {
            super(0.001);
        }

        /**
         * @param beta1 the fraction of the first moment kept per step, in [0, 1)
         * @return this builder
         */
        public B beta1(double beta1) {
            this.beta1 = fraction("beta1", beta1);
            return self();
        }

        /**
         * @param beta2 the fraction of the second moment kept per step, in [0, 1)
         * @return this builder
         */
        public B beta2(double beta2) {
            this.beta2 = fraction("beta2", beta2);
            return self();
        }
    }

    /** Options of {@link Adam}. */
    public static final class Builder extends MomentBuilder<Builder, Adam> {

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        @Override
        public Adam build() {
            return new Adam(this);
        }
    }
}
