package dev.backprop.core.train;

import dev.backprop.core.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops training when a monitored value has not improved for {@code patience} epochs, and can
 * put back the parameters of the best epoch when it stops.
 *
 * <p>The value is named as {@link EpochResult#value(String)} takes it, {@code "val_loss"} by
 * default; names containing "loss" improve downwards, others (accuracy) upwards. An epoch
 * improves when it beats the best so far by more than {@code minDelta}. Best weights are
 * restored only when this listener stops the training.
 */
public final class EarlyStopping implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

    private final String monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private final boolean lowerIsBetter;

    private double best;
    private int bestEpoch;
    private int waited;
    private List<double[]> bestWeights;
    private int stoppedEpoch = -1;

    private EarlyStopping(Builder builder) {
        this.monitor = builder.monitor;
        this.patience = builder.patience;
        this.minDelta = builder.minDelta;
        this.restoreBestWeights = builder.restoreBestWeights;
        this.lowerIsBetter = monitor.contains("loss");
        reset();
    }

    /** @return a builder: monitor {@code val_loss}, patience 5, no minimum delta, best weights restored */
    public static Builder builder() {
        return new Builder();
    }

    private void reset() {
        best = lowerIsBetter ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        bestEpoch = -1;
        waited = 0;
        bestWeights = null;
        stoppedEpoch = -1;
    }

    @Override
    public void onEpochStart(int epoch, Model model) {
        if (epoch == 0) {
            reset();
        }
    }

    @Override
    public void onEpochEnd(EpochResult result, Model model) {
        double value = result.value(monitor);
        if (Double.isNaN(value)) {
            return; // an epoch without validation (FitOptions.validateEvery) neither improves nor waits
        }
        boolean improved = lowerIsBetter ? value < best - minDelta : value > best + minDelta;
        if (improved) {
            best = value;
            bestEpoch = result.epoch();
            waited = 0;
            if (restoreBestWeights) {
                bestWeights = snapshot(model.parameters());
            }
            return;
        }
        waited++;
        if (waited >= patience) {
            stoppedEpoch = result.epoch();
            if (restoreBestWeights && bestWeights != null) {
                restore(model.parameters(), bestWeights);
            }
            LOG.info("{} has not improved for {} epochs (best {} at epoch {}); stopping{}", monitor, waited, best,
                    bestEpoch + 1, restoreBestWeights && bestWeights != null ? " with the best weights" : "");
            model.requestStop();
        }
    }

    /** @return the epoch after which training was stopped, or −1 if it was not */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** @return the epoch with the best value so far, or −1 before the first */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the best value so far */
    public double best() {
        return best;
    }

    private static List<double[]> snapshot(List<Parameter> parameters) {
        List<double[]> copies = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            copies.add(parameter.value().data.clone());
        }
        return copies;
    }

    private static void restore(List<Parameter> parameters, List<double[]> copies) {
        for (int i = 0; i < parameters.size(); i++) {
            double[] copy = copies.get(i);
            System.arraycopy(copy, 0, parameters.get(i).value().data, 0, copy.length);
        }
    }

    /** Options of {@link EarlyStopping}. */
    public static final class Builder {

        private String monitor = "val_loss";
        private int patience = 5;
        private double minDelta;
        private boolean restoreBestWeights = true;

        private Builder() {}

        /**
         * @param monitor the value to watch, such as {@code "loss"}, {@code "val_loss"} or {@code "val_accuracy"}
         * @return this builder
         */
        public Builder monitor(String monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /**
         * @param patience the epochs without improvement to wait, at least 1
         * @return this builder
         */
        public Builder patience(int patience) {
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be at least 1, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /**
         * @param minDelta the smallest change that counts as an improvement, ≥ 0
         * @return this builder
         */
        public Builder minDelta(double minDelta) {
            if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
                throw new IllegalArgumentException("minDelta must be a finite number ≥ 0, got " + minDelta);
            }
            this.minDelta = minDelta;
            return this;
        }

        /**
         * @param restore whether to put back the best epoch's parameters when stopping
         * @return this builder
         */
        public Builder restoreBestWeights(boolean restore) {
            this.restoreBestWeights = restore;
            return this;
        }

        /** @return the listener */
        public EarlyStopping build() {
            return new EarlyStopping(this);
        }
    }
}
