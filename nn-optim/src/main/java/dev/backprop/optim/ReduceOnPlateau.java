package dev.backprop.optim;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Config;
import dev.backprop.core.component.Configurable;
import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.TrainingListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyTorch's {@code ReduceLROnPlateau} (mode min, relative threshold): after every epoch it reads a
 * value of the epoch ({@code val_loss} by default); when that has not improved on the best by more
 * than {@code threshold} (relatively) for more than {@code patience} epochs, the rate is multiplied
 * by {@code factor} (not below {@code minRate}), then {@code cooldown} epochs pass before counting
 * again. It is both the optimizer's schedule and a {@link TrainingListener}: give it to the
 * optimizer's builder and to the fit options. Its state travels in its configuration, so a
 * checkpoint resumes it exactly.
 */
public final class ReduceOnPlateau implements LearningRateSchedule, TrainingListener, Configurable {

    /** Registered as {@code "ReduceOnPlateau"}, with its options and state. */
    public static final ComponentType<LearningRateSchedule> TYPE = ComponentType.of(LearningRateSchedule.class,
            "ReduceOnPlateau", ReduceOnPlateau.class, ReduceOnPlateau::fromConfig).withAliases("plateau");

    private final String monitor;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minRate;
    private double scale = 1;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;
    private int cooldownLeft;

    /**
     * PyTorch's defaults but the factor and patience: threshold 1e-4, no cooldown, no minimum rate.
     *
     * @param factor the rate's factor at each reduction, in (0, 1)
     * @param patience epochs without improvement tolerated before reducing, ≥ 0
     */
    public ReduceOnPlateau(double factor, int patience) {
        this("val_loss", factor, patience, 1e-4, 0, 0);
    }

    /**
     * @param monitor the epoch's value to watch, lower being better, such as {@code val_loss}
     * @param factor the rate's factor at each reduction, in (0, 1)
     * @param patience epochs without improvement tolerated, ≥ 0
     * @param threshold the relative improvement that counts, ≥ 0
     * @param cooldown epochs after a reduction before counting again, ≥ 0
     * @param minRate the lowest rate, ≥ 0
     */
    public ReduceOnPlateau(String monitor, double factor, int patience, double threshold, int cooldown, double minRate) {
        if (!(factor > 0 && factor < 1) || patience < 0 || !(threshold >= 0) || cooldown < 0 || !(minRate >= 0)) {
            throw new IllegalArgumentException("ReduceOnPlateau needs factor in (0, 1), patience, threshold, cooldown "
                    + "and minRate ≥ 0");
        }
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minRate = minRate;
    }

    @Override
    public double rate(double base, long step) {
        return Math.max(base * scale, minRate);
    }

    /**
     * Takes one epoch's value, as PyTorch's {@code step(metric)}.
     *
     * @param value the monitored value of the epoch
     */
    public void record(double value) {
        if (value < best * (1 - threshold)) {
            best = value;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            scale *= factor;
            cooldownLeft = cooldown;
            badEpochs = 0;
        }
    }

    @Override
    public void onEpochEnd(EpochResult result, Model model) {
        record(result.value(monitor));
    }

    /** @return the factor applied to the base rate so far */
    public double scale() {
        return scale;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("monitor", monitor);
        config.put("factor", factor);
        config.put("patience", patience);
        config.put("threshold", threshold);
        config.put("cooldown", cooldown);
        config.put("minRate", minRate);
        config.put("scale", scale);
        if (Double.isFinite(best)) {
            config.put("best", best);
        }
        config.put("badEpochs", badEpochs);
        config.put("cooldownLeft", cooldownLeft);
        return config;
    }

    private static ReduceOnPlateau fromConfig(Config config) {
        ReduceOnPlateau plateau = new ReduceOnPlateau(config.has("monitor") ? config.string("monitor") : "val_loss",
                config.number("factor", 0.1), (int) config.integer("patience", 0, Integer.MAX_VALUE),
                config.number("threshold", 1e-4), config.has("cooldown") ? (int) config.integer("cooldown", 0,
                        Integer.MAX_VALUE) : 0, config.number("minRate", 0));
        plateau.scale = config.number("scale", 1);
        plateau.best = config.number("best", Double.POSITIVE_INFINITY);
        plateau.badEpochs = config.has("badEpochs") ? (int) config.integer("badEpochs", 0, Integer.MAX_VALUE) : 0;
        plateau.cooldownLeft = config.has("cooldownLeft")
                ? (int) config.integer("cooldownLeft", 0, Integer.MAX_VALUE) : 0;
        if (!(plateau.scale > 0 && plateau.scale <= 1)) {
            throw new IllegalArgumentException("ReduceOnPlateau: scale must be in (0, 1], got " + plateau.scale);
        }
        return plateau;
    }
}
