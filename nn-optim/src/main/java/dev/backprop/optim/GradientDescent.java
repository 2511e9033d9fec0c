package dev.backprop.optim;

import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Scheduled;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every optimizer of this module shares: the book's learning-rate decay
 * {@code lr = lr0 / (1 + decay · iterations)}, the step counter, and state kept per
 * {@link Parameter} (momentum, caches), created on a parameter's first step.
 *
 * <p>A step reads each parameter's gradient and updates its value in place. The state belongs to
 * the parameter object, not to a batch, so it survives any change of batch size. Not thread-safe.
 */
public abstract class GradientDescent implements Optimizer, Scheduled {

    private final double learningRate;
    private final double decay;
    private final int slots;
    private final Map<Parameter, double[][]> state = new IdentityHashMap<>();
    private long iterations;

    GradientDescent(Builder<?, ?> builder, int slots) {
        this.learningRate = builder.learningRate;
        this.decay = builder.decay;
        this.slots = slots;
    }

    @Override
    public final void step(List<Parameter> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        double rate = currentLearningRate();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            double[][] memory = state.get(parameter);
            if (memory == null) {
                // Not computeIfAbsent: its capturing lambda would allocate on every step.
                memory = new double[slots][parameter.value().getNumElements()];
                state.put(parameter, memory);
            }
            update(parameter.value().data, parameter.grad().data, parameter.value().getNumElements(), rate, memory);
        }
        iterations++;
    }

    /**
     * Updates one parameter.
     *
     * @param value the parameter's values, updated in place
     * @param grad its gradient
     * @param size the number of entries
     * @param rate the learning rate of this step
     * @param memory this parameter's state, {@code slots} arrays of {@code size} entries
     */
    abstract void update(double[] value, double[] grad, int size, double rate, double[][] memory);

    /** @return the number of state arrays kept per parameter */
    final int slots() {
        return slots;
    }

    /** @return the state of a parameter, or null before its first step */
    final double[][] stateOf(Parameter parameter) {
        return state.get(parameter);
    }

    /** Puts back a parameter's saved state: {@link #slots()} arrays of its size. */
    final void restoreState(Parameter parameter, double[][] memory) {
        state.put(parameter, memory);
    }

    /** Puts back the number of steps taken. */
    final void restoreIterations(long steps) {
        this.iterations = steps;
    }

    /** @return the number of steps taken so far */
    public final long iterations() {
        return iterations;
    }

    /** @return the learning rate the next step will use, {@code lr0 / (1 + decay · iterations)} */
    @Override
    public final double currentLearningRate() {
        return learningRate / (1 + decay * iterations);
    }

    /** @return the initial learning rate, lr0 */
    public final double learningRate() {
        return learningRate;
    }

    /** @return the decay of the learning rate per step */
    public final double decay() {
        return decay;
    }

    /**
     * Options shared by every optimizer.
     *
     * @param <B> the concrete builder
     * @param <O> the optimizer it builds
     */
    public abstract static class Builder<B extends Builder<B, O>, O extends GradientDescent> {

        private double learningRate;
        private double decay;

        Builder(double defaultLearningRate) {
            this.learningRate = defaultLearningRate;
        }

        /**
         * @param learningRate the initial learning rate, positive
         * @return this builder
         */
        public B learningRate(double learningRate) {
            this.learningRate = positive("learningRate", learningRate);
            return self();
        }

        /**
         * @param decay the decay per step, {@code lr = lr0 / (1 + decay · t)}; 0 for none
         * @return this builder
         */
        public B decay(double decay) {
            if (!(decay >= 0) || !Double.isFinite(decay)) {
                throw new IllegalArgumentException("decay must be a finite number ≥ 0, got " + decay);
            }
            this.decay = decay;
            return self();
        }

        abstract B self();

        /** @return the optimizer, with no steps taken */
        public abstract O build();
    }

    /**
     * Options of the optimizers that divide by a running root mean square, which need an
     * {@code epsilon} against division by zero (the book's default is 1e-7).
     *
     * @param <B> the concrete builder
     * @param <O> the optimizer it builds
     */
    public abstract static class AdaptiveBuilder<B extends AdaptiveBuilder<B, O>, O extends GradientDescent>
            extends Builder<B, O> {

        double epsilon = 1e-7;

        AdaptiveBuilder(double defaultLearningRate) {
            super(defaultLearningRate);
        }

        /**
         * @param epsilon added to the root mean square before dividing, positive
         * @return this builder
         */
        public B epsilon(double epsilon) {
            this.epsilon = positive("epsilon", epsilon);
            return self();
        }
    }

    static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    static double fraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
