package dev.backprop.optim;

import dev.backprop.core.StatefulOptimizer;
import dev.backprop.core.component.Components;
import dev.backprop.core.component.Config;
import dev.backprop.core.component.Configurable;
import java.util.LinkedHashMap;
import dev.backprop.core.Parameter;
import dev.backprop.core.Scheduled;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The base of every optimizer, ours and yours: the book's learning-rate decay
 * {@code lr = lr0 / (1 + decay · iterations)}, the step counter, and state kept per
 * {@link Parameter} (momentum, caches), created on a parameter's first step, saved in model files
 * and checkpoints and put back on resume. A subclass writes only its rule, {@link #update}, and
 * registers a {@link dev.backprop.core.component.ComponentType} so that files can name it:
 *
 * <pre>{@code
 * public final class SignDescent extends GradientDescent {       // w += -lr * sign(dw)
 *     public static final ComponentType<Optimizer> TYPE = ComponentType.of(Optimizer.class,
 *             "SignDescent", SignDescent.class, config -> new SignDescent(config.number("learningRate")));
 *     public SignDescent(double learningRate) { super(learningRate, 0, 0); }
 *     protected void update(double[] w, double[] dw, int size, double lr, double[][] memory) {
 *         for (int i = 0; i < size; i++) w[i] -= lr * Math.signum(dw[i]);
 *     }
 * }
 * }</pre>
 *
 * <p>A step reads each parameter's gradient and updates its value in place. The state belongs to
 * the parameter object, not to a batch, so it survives any change of batch size. Not thread-safe.
 */
public abstract class GradientDescent implements StatefulOptimizer, Scheduled, Configurable {

    private final double learningRate;
    private final double decay;
    private final LearningRateSchedule schedule;
    private final int slots;
    private final Map<Parameter, double[][]> state = new IdentityHashMap<>();
    private long iterations;

    /**
     * @param builder the learning rate and its decay
     * @param slots the number of state arrays kept per parameter (0 for a stateless rule)
     */
    protected GradientDescent(Builder<?, ?> builder, int slots) {
        this(builder.learningRate, builder.decay, slots, builder.schedule);
    }

    /**
     * @param learningRate the base learning rate, positive
     * @param schedule the rate of each step from the base rate and the step count
     * @param slots the number of state arrays kept per parameter (0 for a stateless rule)
     */
    protected GradientDescent(double learningRate, LearningRateSchedule schedule, int slots) {
        this(learningRate, 0, slots, Objects.requireNonNull(schedule, "schedule"));
    }

    /**
     * @param learningRate the initial learning rate, positive
     * @param decay the decay per step, {@code lr = lr0 / (1 + decay · t)}; 0 for none
     * @param slots the number of state arrays kept per parameter (0 for a stateless rule)
     */
    protected GradientDescent(double learningRate, double decay, int slots) {
        this(learningRate, decay, slots, null);
    }

    private GradientDescent(double learningRate, double decay, int slots, LearningRateSchedule schedule) {
        this.learningRate = positive("learningRate", learningRate);
        if (!(decay >= 0) || !Double.isFinite(decay)) {
            throw new IllegalArgumentException("decay must be a finite number ≥ 0, got " + decay);
        }
        if (slots < 0) {
            throw new IllegalArgumentException("slots must be ≥ 0, got " + slots);
        }
        if (schedule != null && decay > 0) {
            throw new IllegalArgumentException("decay is the book's schedule (InverseTime): give a decay or a schedule, "
                    + "not both");
        }
        this.decay = decay;
        this.slots = slots;
        this.schedule = schedule != null ? schedule : new Schedules.InverseTime(decay);
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
    protected abstract void update(double[] value, double[] grad, int size, double rate, double[][] memory);

    /**
     * The hyper-parameters of the base, {@code learningRate} and {@code decay}; a subclass with
     * more adds its own to this map.
     *
     * @return a new, modifiable map
     */
    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("learningRate", learningRate);
        config.put("decay", decay);
        if (!(schedule instanceof Schedules.InverseTime)) {
            config.put("schedule", Components.registered().describe(schedule));
        }
        return config;
    }

    @Override
    public final int slots() {
        return slots;
    }

    @Override
    public final double[][] stateOf(Parameter parameter) {
        return state.get(parameter);
    }

    @Override
    public final void restoreState(Parameter parameter, double[][] memory) {
        Objects.requireNonNull(parameter, "parameter");
        if (memory.length != slots) {
            throw new IllegalArgumentException("A state of " + memory.length + " arrays; this optimizer keeps " + slots);
        }
        for (double[] slot : memory) {
            if (slot.length != parameter.value().getNumElements()) {
                throw new IllegalArgumentException("A state array of " + slot.length + " values for a parameter of "
                        + parameter.value().getNumElements());
            }
        }
        state.put(parameter, memory);
    }

    @Override
    public final void restoreIterations(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
        }
        this.iterations = steps;
    }

    @Override
    public final long iterations() {
        return iterations;
    }

    /** @return the learning rate the next step will use: the schedule's at the steps taken */
    @Override
    public final double currentLearningRate() {
        return schedule.rate(learningRate, iterations);
    }

    /** @return the schedule of the learning rate ({@link Schedules.InverseTime} for the book's decay) */
    public final LearningRateSchedule schedule() {
        return schedule;
    }

    /** @return the initial learning rate, lr0 */
    public final double learningRate() {
        return learningRate;
    }

    /** @return the decay of the learning rate per step */
    public final double decay() {
        return decay;
    }

    /** @return the optimizer's name with its hyper-parameters and schedule, such as {@code Adam{learningRate=0.001, ...}} */
    @Override
    public String toString() {
        Map<String, Object> config = config();
        config.remove("schedule");
        return getClass().getSimpleName() + config + (schedule instanceof Schedules.InverseTime ? "" : ", schedule " + schedule)
                + ", " + iterations + " steps";
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
        private LearningRateSchedule schedule;

        /**
         * @param defaultLearningRate the learning rate unless one is given
         */
        protected Builder(double defaultLearningRate) {
            this.learningRate = defaultLearningRate;
        }

        /**
         * Takes {@code learningRate} and {@code decay} from a config where it gives them, for a
         * subclass's factory of its {@code ComponentType}.
         *
         * @param config hyper-parameters, from a model file or the command line
         * @return this builder
         */
        public B configure(Config config) {
            if (config.has("learningRate")) {
                learningRate(config.number("learningRate"));
            }
            if (config.has("decay")) {
                decay(config.number("decay"));
            }
            if (config.has("schedule")) {
                config.child("schedule");
                @SuppressWarnings("unchecked")
                Map<String, Object> json = (Map<String, Object>) config.values().get("schedule");
                schedule(Components.registered().create(LearningRateSchedule.class, json, config.owner() + ".schedule"));
            }
            return self();
        }

        /**
         * @param schedule the rate of each step from the base rate and the step count, instead of
         *     the book's decay
         * @return this builder
         */
        public B schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return self();
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

        /** @return this builder, as its own type */
        protected abstract B self();

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

        private double epsilon = 1e-7;

        /**
         * @param defaultLearningRate the learning rate unless one is given
         */
        protected AdaptiveBuilder(double defaultLearningRate) {
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

        /** @return the epsilon set so far */
        protected double epsilon() {
            return epsilon;
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
