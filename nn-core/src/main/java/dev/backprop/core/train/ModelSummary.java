package dev.backprop.core.train;

import dev.backprop.core.Layer;
import dev.backprop.core.NonTrainableState;
import dev.backprop.core.Parameter;
import dev.backprop.core.metrics.Metric;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/** {@link Model#summary()}: the table of layers, shapes and parameter counts, as Keras prints it. */
final class ModelSummary {

    private ModelSummary() {}

    static String of(Model model, List<Layer> leaves, boolean fused) {
        int inputs = model.inputWidth();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-28s %-14s %12s%n",
                "Layer", "Output shape", "Parameters"));
        out.append("-".repeat(56)).append(System.lineSeparator());
        DMatrixRMaj values = inputs > 0 ? new DMatrixRMaj(1, inputs) : null;
        long trainable = 0;
        long fixed = 0;
        for (Layer layer : leaves) {
            String shape = "?";
            if (values != null) {
                try {
                    values = layer.forward(values);
                    shape = "(n, " + values.numCols + ")";
                } catch (RuntimeException e) {
                    values = null;
                }
            }
            long count = 0;
            for (Parameter parameter : layer.parameters()) {
                count += parameter.value().getNumElements();
            }
            trainable += count;
            if (layer instanceof NonTrainableState state) {
                fixed += state.nonTrainableValues();
            }
            out.append(String.format(Locale.ROOT, "%-28s %-14s %,12d%n", layer, shape, count));
        }
        out.append("-".repeat(56)).append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "Total parameters: %,d (trainable %,d, non-trainable %,d)%n",
                trainable + fixed, trainable, fixed));
        out.append("Loss: ").append(model.loss().getClass().getSimpleName()).append(fused ? " (fused with the last layer)"
                : "").append(System.lineSeparator());
        out.append("Optimizer: ").append(model.optimizer() == null ? "none" : model.optimizer().toString())
                .append(System.lineSeparator());
        if (!model.metrics().isEmpty()) {
            out.append("Metrics: ").append(model.metrics().stream().map(Metric::name).toList())
                    .append(System.lineSeparator());
        }
        return out.toString();
    }
}
