package dev.backprop.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's figures on a data set, from {@link Model#evaluate}.
 *
 * @param loss the mean data loss over the samples
 * @param regularizationLoss the model's regularisation loss
 * @param metrics each metric's value, by name
 * @param samples the number of samples evaluated
 */
public record Evaluation(double loss, double regularizationLoss, Map<String, Double> metrics, long samples) {

    /**
     * Copies the map.
     *
     * @param loss the mean data loss
     * @param regularizationLoss the regularisation loss
     * @param metrics the metrics by name
     * @param samples the number of samples
     */
    public Evaluation {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics)); // in the metrics' order
    }

    /**
     * @param name a metric's name
     * @return its value
     * @throws IllegalArgumentException if there is no metric of that name
     */
    public double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("No metric named '" + name + "'; there are " + metrics.keySet());
        }
        return value;
    }
}
