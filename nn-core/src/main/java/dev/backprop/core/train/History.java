package dev.backprop.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** The epochs of one {@link Model#fit} call, in order. */
public final class History {

    private final List<EpochResult> epochs = new ArrayList<>();
    private double[] stepRates = new double[16];
    private int steps;

    /**
     * A history of epochs trained elsewhere, such as by a distributed trainer.
     *
     * @param epochs the epochs' results, in order
     * @return the history
     */
    public static History of(List<EpochResult> epochs) {
        History history = new History();
        for (EpochResult epoch : epochs) {
            history.add(Objects.requireNonNull(epoch, "epoch"));
        }
        return history;
    }

    void add(EpochResult result) {
        epochs.add(result);
    }

    void addStepRate(double rate) {
        if (steps == stepRates.length) {
            stepRates = Arrays.copyOf(stepRates, 2 * steps);
        }
        stepRates[steps++] = rate;
    }

    /**
     * @return the learning rate of every optimizer step trained, in order (NaN where the optimizer
     *     does not say); empty for a history made with {@link #of}
     */
    public double[] stepLearningRates() {
        return Arrays.copyOf(stepRates, steps);
    }

    /** @return every epoch's result (unmodifiable) */
    public List<EpochResult> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** @return the number of epochs trained */
    public int size() {
        return epochs.size();
    }

    /**
     * @return the last epoch's result
     * @throws IllegalStateException if no epoch was trained
     */
    public EpochResult last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("No epoch was trained");
        }
        return epochs.get(epochs.size() - 1);
    }

    /**
     * @param name a value's name, as {@link EpochResult#value(String)} takes it
     * @return that value for every epoch, in order
     */
    public double[] series(String name) {
        double[] values = new double[epochs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = epochs.get(i).value(name);
        }
        return values;
    }
}
