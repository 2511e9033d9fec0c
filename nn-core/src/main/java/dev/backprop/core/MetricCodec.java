package dev.backprop.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Saves the built-in metrics by name; other metrics are left out of model files, with a warning. */
final class MetricCodec {

    private static final Logger LOG = LoggerFactory.getLogger(MetricCodec.class);

    private MetricCodec() {}

    static List<Object> describe(List<Metric> metrics) {
        List<Object> json = new ArrayList<>();
        for (Metric metric : metrics) {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (metric instanceof CategoricalAccuracy) {
                entry.put("type", "CategoricalAccuracy");
            } else if (metric instanceof BinaryAccuracy) {
                entry.put("type", "BinaryAccuracy");
            } else if (metric instanceof RegressionAccuracy regression) {
                entry.put("type", "RegressionAccuracy");
                entry.put("precision", regression.precision());
            } else {
                LOG.warn("The metric {} ({}) is not saved in model files", metric.name(), metric.getClass().getName());
                continue;
            }
            json.add(entry);
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    static List<Metric> create(List<Object> json, String file) {
        List<Metric> metrics = new ArrayList<>();
        for (Object item : json) {
            if (!(item instanceof Map)) {
                throw new ModelFileException(file + ": a metric should be a JSON object");
            }
            Config config = new Config(file + ": metric", (Map<String, Object>) item);
            Object type = config.values().get("type");
            if ("CategoricalAccuracy".equals(type)) {
                metrics.add(new CategoricalAccuracy());
            } else if ("BinaryAccuracy".equals(type)) {
                metrics.add(new BinaryAccuracy());
            } else if ("RegressionAccuracy".equals(type)) {
                double precision = config.number("precision");
                if (!(precision > 0)) {
                    throw new ModelFileException(file + ": a RegressionAccuracy precision must be positive");
                }
                metrics.add(new RegressionAccuracy(precision));
            } else {
                throw new ModelFileException(file + " names the metric type '" + type + "', which this program does not know");
            }
        }
        return metrics;
    }
}
