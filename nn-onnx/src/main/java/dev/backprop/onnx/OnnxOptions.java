package dev.backprop.onnx;

import dev.backprop.core.linalg.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link OnnxExport} writes a model: the graph's floating-point precision, the ONNX opset, the
 * class names of a classifier trained on arrays, metadata to keep, and exporters for layers not
 * registered through {@link LayerExporterProvider}. Immutable; each {@code with} method returns a
 * copy.
 *
 * @param precision float32 (the default: every runtime and accelerator runs it) or float64
 * @param opset the default domain's operator set, {@value #MIN_OPSET} to {@value #MAX_OPSET}
 * @param classNames the names of a classifier's output columns, in order, for a graph that also
 *     outputs the predicted label; empty for none (a table's model brings its own)
 * @param metadata values kept as the file's metadata properties, each key prefixed with {@code
 *     backprop.} (strings as they are, other values as JSON): the recipe, the data set; a key the export
 *     writes itself ({@code classes}, {@code features}, {@code version}, ...) keeps the export's value
 * @param exporters exporters tried before the registered ones
 */
public record OnnxOptions(Precision precision, int opset, List<String> classNames, Map<String, Object> metadata,
        List<LayerExporter<?>> exporters) {

    /** The opset written unless another is asked: the first with {@code LayerNormalization}. */
    public static final int DEFAULT_OPSET = 17;
    /** The oldest opset supported: the first with today's {@code Softmax} (over one axis). */
    public static final int MIN_OPSET = 13;
    /** The newest opset supported. */
    public static final int MAX_OPSET = 21;

    /**
     * Checks the values and keeps unmodifiable copies.
     *
     * @param precision float32 or float64
     * @param opset the default domain's operator set, {@value #MIN_OPSET} to {@value #MAX_OPSET}
     * @param classNames the names of a classifier's output columns, in order; empty for none
     * @param metadata values kept as the file's metadata properties
     * @param exporters exporters tried before the registered ones
     * @throws IllegalArgumentException if the opset is not supported
     */
    public OnnxOptions {
        Objects.requireNonNull(precision, "precision");
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("ONNX opset " + opset + " is not supported: use " + MIN_OPSET + " to "
                    + MAX_OPSET);
        }
        classNames = List.copyOf(classNames);
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        exporters = List.copyOf(exporters);
    }

    /** @return float32, opset {@value #DEFAULT_OPSET}, no class names, metadata or extra exporters */
    public static OnnxOptions defaults() {
        return new OnnxOptions(Precision.FLOAT32, DEFAULT_OPSET, List.of(), Map.of(), List.of());
    }

    /**
     * @param precision the graph's floating-point precision
     * @return a copy with it
     */
    public OnnxOptions withPrecision(Precision precision) {
        return new OnnxOptions(precision, opset, classNames, metadata, exporters);
    }

    /**
     * @param opset the default domain's operator set
     * @return a copy with it
     * @throws IllegalArgumentException outside {@value #MIN_OPSET} to {@value #MAX_OPSET}
     */
    public OnnxOptions withOpset(int opset) {
        return new OnnxOptions(precision, opset, classNames, metadata, exporters);
    }

    /**
     * @param classNames the names of the network's output columns, in order
     * @return a copy with them
     */
    public OnnxOptions withClassNames(List<String> classNames) {
        return new OnnxOptions(precision, opset, classNames, metadata, exporters);
    }

    /**
     * @param metadata values to keep as metadata properties, beside those already given
     * @return a copy with them
     */
    public OnnxOptions withMetadata(Map<String, ?> metadata) {
        Map<String, Object> all = new LinkedHashMap<>(this.metadata);
        all.putAll(metadata);
        return new OnnxOptions(precision, opset, classNames, all, exporters);
    }

    /**
     * @param exporter an exporter for a layer class, tried before the registered ones
     * @return a copy with it
     */
    public OnnxOptions withExporter(LayerExporter<?> exporter) {
        List<LayerExporter<?>> all = new ArrayList<>(exporters);
        all.add(Objects.requireNonNull(exporter, "exporter"));
        return new OnnxOptions(precision, opset, classNames, metadata, all);
    }
}
