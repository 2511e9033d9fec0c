package dev.backprop.optim;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Components;
import dev.backprop.core.component.Config;
import dev.backprop.core.component.ConfigException;
import dev.backprop.core.component.Configurable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in learning-rate schedules, each PyTorch's {@code torch.optim.lr_scheduler} stepped
 * once per optimizer step (so their step counts are steps, not epochs).
 */
public final class Schedules {

    private Schedules() {}

    /** The base rate at every step. */
    public record Constant() implements LearningRateSchedule {
        /** Registered as {@code "Constant"}. */
        public static final ComponentType<LearningRateSchedule> TYPE = ComponentType.of(LearningRateSchedule.class,
                "Constant", Constant.class, config -> new Constant()).withAliases("constant");

        @Override
        public double rate(double base, long step) {
            return base;
        }
    }

    /**
     * The book's decay, {@code base / (1 + decay·t)}.
     *
     * @param decay the decay per step, ≥ 0
     */
    public record InverseTime(double decay) implements LearningRateSchedule, Configurable {
        /** Registered as {@code "InverseTime"}. */
        public static final ComponentType<LearningRateSchedule> TYPE = ComponentType.of(LearningRateSchedule.class,
                "InverseTime", InverseTime.class, config -> new InverseTime(config.number("decay"))).withAliases("inverse");

        /** @param decay the decay per step, ≥ 0 */
        public InverseTime {
            if (!(decay >= 0) || !Double.isFinite(decay)) {
                throw new IllegalArgumentException("decay must be a finite number ≥ 0, got " + decay);
            }
        }

        @Override
        public double rate(double base, long step) {
            return base / (1 + decay * step);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("decay", decay);
        }
    }

    /**
     * PyTorch's {@code StepLR}: {@code base · gamma^⌊t / every⌋}.
     *
     * @param every steps between reductions, ≥ 1
     * @param gamma the factor of each reduction, in (0, 1]
     */
    public record Step(long every, double gamma) implements LearningRateSchedule, Configurable {
        /** Registered as {@code "Step"}. */
        public static final ComponentType<LearningRateSchedule> TYPE = ComponentType.of(LearningRateSchedule.class,
                "Step", Step.class, config -> new Step(config.integer("every", 1, Long.MAX_VALUE / 2),
                        config.number("gamma", 0.1))).withAliases("step");

        /**
         * @param every steps between reductions
         * @param gamma the factor
         */
        public Step {
            if (every < 1 || !(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("Step needs every ≥ 1 and gamma in (0, 1], got " + every + ", "
                        + gamma);
            }
        }

        @Override
        public double rate(double base, long step) {
            return base * Math.pow(gamma, step / every);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("every", every, "gamma", gamma);
        }
    }

    /**
     * PyTorch's {@code ExponentialLR}: {@code base · gamma^t}.
     *
     * @param gamma the factor per step, in (0, 1]
     */
    public record Exponential(double gamma) implements LearningRateSchedule, Configurable {
        /** Registered as {@code "Exponential"}. */
        public static final ComponentType<LearningRateSchedule> TYPE = ComponentType.of(LearningRateSchedule.class,
                "Exponential", Exponential.class, config -> new Exponential(config.number("gamma")))
                .withAliases("exponential");

        /** @param gamma the factor per step */
        public Exponential {
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("Exponential needs gamma in (0, 1], got " + gamma);
            }
        }

        @Override
        public double rate(double base, long step) {
            return base * Math.pow(gamma, step);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("gamma", gamma);
        }
    }

    /**
     * PyTorch's {@code CosineAnnealingLR}:
     * {@code min + (base − min)·(1 + cos(π·t / period)) / 2}, periodic beyond the period.
     *
     * @param period the steps from the base rate down to the minimum, ≥ 1
     * @param minRate the lowest rate, ≥ 0
     */
    public record Cosine(long period, double minRate) implements LearningRateSchedule, Configurable {
        /** Registered as {@code "Cosine"}. */
        public static final ComponentType<LearningRateSchedule> TYPE = ComponentType.of(LearningRateSchedule.class,
                "Cosine", Cosine.class, config -> new Cosine(config.integer("period", 1, Long.MAX_VALUE / 2),
                        config.number("minRate", 0))).withAliases("cosine");

        /**
         * @param period the steps down to the minimum
         * @param minRate the lowest rate
         */
        public Cosine {
            if (period < 1 || !(minRate >= 0)) {
                throw new IllegalArgumentException("Cosine needs period ≥ 1 and minRate ≥ 0");
            }
        }

        @Override
        public double rate(double base, long step) {
            return minRate + (base - minRate) * (1 + Math.cos(Math.PI * step / period)) / 2;
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("period", period, "minRate", minRate);
        }
    }

    /**
     * RealMLP's "coslog" schedule (Holzmüller et al. 2024; "coslog4" with 4 cycles):
     * {@code base·(1 − cos(2π·log₂(1 + (2^cycles − 1)·t))) / 2}, t = step / steps in [0, 1]: it
     * starts at 0 and rises and falls {@code cycles} times, each cycle twice as long as the one
     * before, ending at 0. Beyond the last step it stays at 0.
     *
     * @param steps the steps of the run, ≥ 1
     * @param cycles the rises and falls, ≥ 1
     */
    public record CosLog(long steps, int cycles) implements LearningRateSchedule, Configurable {
        /** Registered as {@code "CosLog"}. */
        public static final ComponentType<LearningRateSchedule> TYPE = ComponentType.of(LearningRateSchedule.class,
                "CosLog", CosLog.class, config -> new CosLog(config.integer("steps", 1, Long.MAX_VALUE / 2),
                        (int) config.integer("cycles", 1, 30))).withAliases("coslog");

        /**
         * @param steps the steps of the run
         * @param cycles the rises and falls
         */
        public CosLog {
            if (steps < 1 || cycles < 1 || cycles > 30) {
                throw new IllegalArgumentException("CosLog needs steps ≥ 1 and 1 ≤ cycles ≤ 30");
            }
        }

        @Override
        public double rate(double base, long step) {
            double t = Math.min(1, (double) step / steps);
            double cycle = Math.log1p(((1L << cycles) - 1) * t) / Math.log(2);
            return base * (1 - Math.cos(2 * Math.PI * cycle)) / 2;
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("steps", steps, "cycles", cycles);
        }
    }

    /**
     * A linear warm-up, PyTorch's {@code LinearLR(start, 1, steps)}, then another schedule started
     * afresh, as {@code SequentialLR} with one milestone.
     *
     * @param steps the warm-up's steps, ≥ 1
     * @param startFactor the share of the base rate at step 0, in (0, 1]
     * @param then the schedule after the warm-up, its steps counted from the warm-up's end
     */
    public record Warmup(long steps, double startFactor, LearningRateSchedule then)
            implements LearningRateSchedule, Configurable {
        /** Registered as {@code "Warmup"}. */
        public static final ComponentType<LearningRateSchedule> TYPE = ComponentType.of(LearningRateSchedule.class,
                "Warmup", Warmup.class, Warmup::fromConfig).withAliases("warmup");

        /**
         * @param steps the warm-up's steps
         * @param startFactor the starting share of the base rate
         * @param then the schedule after
         */
        public Warmup {
            if (steps < 1 || !(startFactor > 0 && startFactor <= 1) || then == null) {
                throw new IllegalArgumentException("Warmup needs steps ≥ 1, a start factor in (0, 1] and a schedule after");
            }
        }

        @Override
        public double rate(double base, long step) {
            if (step < steps) {
                return base * (startFactor + (1 - startFactor) * step / steps);
            }
            return then.rate(base, step - steps);
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("steps", steps);
            config.put("startFactor", startFactor);
            config.put("then", Components.registered().describe(then));
            return config;
        }

        @SuppressWarnings("unchecked")
        private static Warmup fromConfig(Config config) {
            if (!(config.values().get("then") instanceof Map<?, ?> then)) {
                throw new ConfigException(config.owner() + ": a warm-up needs the schedule 'then'");
            }
            config.child("then");
            return new Warmup(config.integer("steps", 1, Long.MAX_VALUE / 2), config.number("startFactor", 1.0 / 3),
                    Components.registered().create(LearningRateSchedule.class, (Map<String, Object>) then,
                            config.owner() + ".then"));
        }
    }

    /**
     * PyTorch's {@code OneCycleLR} (cosine annealing, two phases): from {@code max / divFactor} up to
     * {@code max} over the first {@code pctStart} of the steps, then down to
     * {@code max / divFactor / finalDivFactor} at the last step. The optimizer's base rate is not used.
     *
     * @param maxRate the peak rate
     * @param totalSteps the steps of the whole run, ≥ 2
     * @param pctStart the share of the steps rising, in (0, 1)
     * @param divFactor the peak over the starting rate
     * @param finalDivFactor the starting rate over the final one
     */
    public record OneCycle(double maxRate, long totalSteps, double pctStart, double divFactor, double finalDivFactor)
            implements LearningRateSchedule, Configurable {
        /** Registered as {@code "OneCycle"}. */
        public static final ComponentType<LearningRateSchedule> TYPE = ComponentType.of(LearningRateSchedule.class,
                "OneCycle", OneCycle.class, config -> new OneCycle(config.number("maxRate"),
                        config.integer("totalSteps", 2, Long.MAX_VALUE / 2), config.number("pctStart", 0.3),
                        config.number("divFactor", 25), config.number("finalDivFactor", 1e4))).withAliases("onecycle");

        /**
         * @param maxRate the peak rate
         * @param totalSteps the steps of the run
         * @param pctStart the rising share
         * @param divFactor peak over start
         * @param finalDivFactor start over end
         */
        public OneCycle {
            if (!(maxRate > 0) || totalSteps < 2 || !(pctStart > 0 && pctStart < 1) || !(divFactor > 0)
                    || !(finalDivFactor > 0)) {
                throw new IllegalArgumentException("OneCycle needs a positive peak, at least 2 steps, pctStart in (0, 1)"
                        + " and positive factors");
            }
        }

        /**
         * @param maxRate the peak learning rate
         * @param totalSteps the number of optimizer steps the cycle lasts
         * @return PyTorch's defaults but the peak and the length: pctStart 0.3, divFactor 25, finalDivFactor 1e4
         */
        public static OneCycle of(double maxRate, long totalSteps) {
            return new OneCycle(maxRate, totalSteps, 0.3, 25, 1e4);
        }

        @Override
        public double rate(double base, long step) {
            double initial = maxRate / divFactor;
            double last = initial / finalDivFactor;
            double peakStep = pctStart * totalSteps - 1;
            double endStep = totalSteps - 1;
            if (step <= peakStep) {
                return annealCos(initial, maxRate, step / peakStep);
            }
            return annealCos(maxRate, last, (step - peakStep) / (endStep - peakStep));
        }

        private static double annealCos(double start, double end, double pct) {
            return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("maxRate", maxRate);
            config.put("totalSteps", totalSteps);
            config.put("pctStart", pctStart);
            config.put("divFactor", divFactor);
            config.put("finalDivFactor", finalDivFactor);
            return config;
        }
    }

    /** @return every built-in schedule's type, for a provider */
    static List<ComponentType<?>> types() {
        return List.of(Constant.TYPE, InverseTime.TYPE, Step.TYPE, Exponential.TYPE, Cosine.TYPE, CosLog.TYPE,
                Warmup.TYPE, OneCycle.TYPE, ReduceOnPlateau.TYPE);
    }

    /**
     * @param decay the book's decay per step
     * @return {@code base / (1 + decay·t)}
     */
    public static LearningRateSchedule inverseTime(double decay) {
        return new InverseTime(decay);
    }
}
