package dev.backprop.optim;

import dev.backprop.core.component.Config;
import java.util.Map;

/**
 * Adam and AdamW: momentum and RMSProp's cache together, each corrected for its start at zero.
 * With {@code t} the step number from 1:
 * <pre>
 * m = β1·m + (1 − β1)·dw        m̂ = m / (1 − β1^t)
 * v = β2·v + (1 − β2)·dw²       v̂ = v / (1 − β2^t)
 * w += −lr · m̂ / (√v̂ + ε)
 * </pre>
 * preceded, for AdamW, by the decoupled weight decay {@code w *= 1 − lr·λ}.
 */
abstract class AdamMoments extends GradientDescent {

    private final double epsilon;
    private final double beta1;
    private final double beta2;
    private final double weightDecay;

    AdamMoments(MomentBuilder<?, ?> builder, double weightDecay) {
        super(builder, 2);
        this.epsilon = builder.epsilon();
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.weightDecay = weightDecay;
    }

    @Override
    protected final void update(double[] value, double[] grad, int size, double rate, double[][] memory) {
        if (weightDecay > 0) {
            double shrink = 1 - rate * weightDecay;
            for (int i = 0; i < size; i++) {
                value[i] *= shrink;
            }
        }
        long t = iterations() + 1;
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
    public final double epsilon() {
        return epsilon;
    }

    /** @return β1, the memory of the first moment */
    public final double beta1() {
        return beta1;
    }

    /** @return β2, the memory of the second moment */
    public final double beta2() {
        return beta2;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("epsilon", epsilon);
        config.put("beta1", beta1);
        config.put("beta2", beta2);
        return config;
    }

    /** @return the decoupled weight decay λ, 0 for plain Adam */
    double weightDecay() {
        return weightDecay;
    }

    /**
     * Options of {@link Adam} and {@link AdamW}: those of every adaptive optimizer, and β1, β2.
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
         * Takes {@code epsilon}, {@code beta1} and {@code beta2} from a config where it gives them.
         *
         * @param config hyper-parameters
         * @return this builder
         */
        public B moments(Config config) {
            if (config.has("epsilon")) {
                epsilon(config.number("epsilon"));
            }
            if (config.has("beta1")) {
                beta1(config.number("beta1"));
            }
            if (config.has("beta2")) {
                beta2(config.number("beta2"));
            }
            return self();
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
}
