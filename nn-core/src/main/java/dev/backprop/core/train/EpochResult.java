package dev.backprop.core.train;

import dev.backprop.core.Scheduled;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one epoch of training gave, accumulated over its batches as the book does (each batch
 * weighted by its number of samples).
 *
 * @param epoch the epoch, from 0
 * @param dataLoss the mean data loss of the epoch's batches
 * @param regularizationLoss the mean regularisation loss at the epoch's batches
 * @param metrics each metric's value over the epoch, by name
 * @param validationLoss the data loss on the validation data after the epoch; NaN without any
 * @param validationMetrics the metrics on the validation data, by name; empty without any
 * @param learningRate the learning rate of the epoch's last step; NaN if the optimizer does not
 *     report it (see {@link Scheduled})
 * @param wallTime the time the epoch took, validation included
 */
public record EpochResult(int epoch, double dataLoss, double regularizationLoss, Map<String, Double> metrics,
        double validationLoss, Map<String, Double> validationMetrics, double learningRate, Duration wallTime) {

    /**
     * Copies the maps.
     *
     * @param epoch the epoch, from 0
     * @param dataLoss the mean data loss
     * @param regularizationLoss the mean regularisation loss
     * @param metrics the metrics by name
     * @param validationLoss the validation loss, or NaN
     * @param validationMetrics the validation metrics by name
     * @param learningRate the rate of the last step, or NaN
     * @param wallTime the time the epoch took
     */
    public EpochResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics)); // in the metrics' order
        validationMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(validationMetrics));
        Objects.requireNonNull(wallTime, "wallTime");
    }

    /** @return the loss minimised: data loss plus regularisation loss */
    public double loss() {
        return dataLoss + regularizationLoss;
    }

    /**
     * A value by the name Keras uses: {@code "loss"}, {@code "data_loss"},
     * {@code "regularization_loss"}, {@code "val_loss"}, {@code "lr"}, a metric's name, or
     * {@code "val_"} and a metric's name.
     *
     * @param name the value's name
     * @return the value
     * @throws IllegalArgumentException if there is no value of that name
     */
    public double value(String name) {
        switch (name) {
            case "loss":
                return loss();
            case "data_loss":
                return dataLoss;
            case "regularization_loss":
                return regularizationLoss;
            case "val_loss":
                return validationLoss;
            case "lr":
                return learningRate;
            default:
                if (name.startsWith("val_") && validationMetrics.isEmpty() && metrics.containsKey(name.substring(4))) {
                    return Double.NaN; // an epoch whose validation was not measured
                }
                Double value = name.startsWith("val_")
                        ? validationMetrics.get(name.substring(4))
                        : metrics.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("No value named '" + name + "'; there are loss, data_loss, "
                            + "regularization_loss, val_loss, lr and the metrics " + metrics.keySet());
                }
                return value;
        }
    }
}
