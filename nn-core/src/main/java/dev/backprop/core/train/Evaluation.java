package dev.backprop.core.train;

import dev.backprop.core.Loss;
import dev.backprop.core.data.Batch;
import dev.backprop.core.metrics.Metric;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

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

    /**
     * Measures a network in inference mode over batches: the mean data loss, weighted by batch
     * size, and each metric over every sample.
     */
    static Evaluation measure(Iterator<Batch> batches, TrainingStep step, Loss loss, List<Metric> metrics) {
        for (Metric metric : metrics) {
            metric.reset();
        }
        long samples = 0;
        double lossTimesSamples = 0;
        while (batches.hasNext()) {
            Batch batch = batches.next();
            DMatrixRMaj output = step.forward(batch.inputs());
            lossTimesSamples += loss.forward(output, batch.targets()) * batch.size();
            samples += batch.size();
            for (Metric metric : metrics) {
                metric.update(output, batch.targets());
            }
        }
        if (samples == 0) {
            throw new IllegalArgumentException("The data set to evaluate gave no batch");
        }
        return new Evaluation(lossTimesSamples / samples, step.regularizationLoss(), values(metrics), samples);
    }

    /** @return each metric's value by name, in the metrics' order */
    static Map<String, Double> values(List<Metric> metrics) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            values.put(metric.name(), metric.value());
        }
        return values;
    }
}
