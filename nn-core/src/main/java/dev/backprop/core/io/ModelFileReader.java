package dev.backprop.core.io;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.StatefulOptimizer;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Components;
import dev.backprop.core.component.Config;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.train.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * One load of a model file: walks {@code model.json}, checking every declared shape against the
 * architecture and the file's size before anything is allocated, then reads the arrays.
 */
final class ModelFileReader {

    private final ModelArchive archive;
    private final String file;
    private final long fileSize;
    private final Components components = Components.registered();
    private List<int[]> declaredShapes;
    private int nextShape;

    ModelFileReader(ModelArchive archive, long fileSize) {
        this.archive = archive;
        this.file = archive.file();
        this.fileSize = fileSize;
    }

    ModelFile.Contents read() throws IOException {
        Map<String, Object> json = map(Json.parse(new String(archive.entryBytes(ModelFile.MODEL_JSON,
                ModelFile.MAX_JSON_BYTES), StandardCharsets.UTF_8)), "model.json");
        checkFormat(json);
        List<Object> declared = list(json.get("parameters"), "parameters");
        declareShapes(declared);
        Layer network = layer(map(json.get("network"), "network"), 0);
        if (nextShape != declaredShapes.size()) {
            throw new ModelFileException(file + " declares " + declaredShapes.size()
                    + " parameters but its layers have " + nextShape);
        }
        List<Parameter> parameters = network.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Map<String, Object> item = map(declared.get(i), "a parameter");
            if (!(item.get("entry") instanceof String entry) || !entry.startsWith("param." + i + ".")) {
                throw new ModelFileException(file + ": parameter " + i + " has no valid entry name");
            }
            archive.readArray(entry, parameters.get(i).value(), parameters.get(i).value().data);
        }
        Model.Builder builder = Model.builder(network)
                .loss(components.create(Loss.class, map(json.get("loss"), "loss"), file));
        if (json.get("optimizer") != null) {
            builder.optimizer(optimizer(map(json.get("optimizer"), "optimizer"), parameters));
        }
        for (Object metric : list(json.getOrDefault("metrics", List.of()), "metrics")) {
            builder.metric(components.create(Metric.class, map(metric, "a metric"), file));
        }
        Object metadata = json.getOrDefault("metadata", Map.of());
        return new ModelFile.Contents(builder.build(), map(metadata, "metadata"));
    }

    private void checkFormat(Map<String, Object> json) {
        if (!ModelFile.FORMAT.equals(json.get("format"))) {
            throw new ModelFileException(file + " is not a Backprop model file (no \"format\": \"" + ModelFile.FORMAT
                    + "\")");
        }
        long version = new Config(file, json).integer("version", 1, Integer.MAX_VALUE);
        if (version > ModelFile.FORMAT_VERSION) {
            throw new ModelFileException(file + " has format version " + version + "; this Backprop reads up to "
                    + ModelFile.FORMAT_VERSION + ": upgrade Backprop to load it");
        }
    }

    /** The parameters' shapes as declared, checked against the file's size before any is allocated. */
    private void declareShapes(List<Object> declared) {
        declaredShapes = new ArrayList<>();
        long totalBytes = 0;
        for (Object item : declared) {
            int[] shape = shape(map(item, "a parameter").get("shape"));
            declaredShapes.add(shape);
            totalBytes += 8L * shape[0] * shape[1];
        }
        if (totalBytes > fileSize) {
            throw new ModelFileException(file + " declares " + totalBytes + " bytes of parameters but holds only "
                    + fileSize + " bytes");
        }
    }

    /** The optimizer with its hyper-parameters, and its per-parameter state where it keeps one. */
    private Optimizer optimizer(Map<String, Object> json, List<Parameter> parameters) throws IOException {
        Optimizer optimizer = components.create(Optimizer.class, json, file);
        List<Object> stepped = list(json.get("stepped"), "optimizer.stepped");
        if (stepped.size() != parameters.size()) {
            throw new ModelFileException(file + ": the optimizer's state covers " + stepped.size()
                    + " parameters, the model has " + parameters.size());
        }
        if (optimizer instanceof StatefulOptimizer stateful) {
            stateful.restoreIterations(new Config(file + ": optimizer", json).integer("iterations", 0, Long.MAX_VALUE / 2));
            for (int i = 0; i < parameters.size(); i++) {
                if (Boolean.TRUE.equals(stepped.get(i))) {
                    DMatrixRMaj value = parameters.get(i).value();
                    double[][] slots = new double[stateful.slots()][];
                    for (int s = 0; s < slots.length; s++) {
                        slots[s] = new double[value.getNumElements()];
                        archive.readArray("optimizer." + i + "." + s, value, slots[s]);
                    }
                    stateful.restoreState(parameters.get(i), slots);
                }
            }
        }
        return optimizer;
    }

    private Layer layer(Map<String, Object> json, int depth) {
        if (depth > 32) {
            throw new ModelFileException(file + ": layers nested deeper than 32");
        }
        String type = string(json.get("type"), "layer type");
        if (type.equals("Sequential")) {
            List<Object> children = list(json.get("layers"), "Sequential.layers");
            if (children.isEmpty()) {
                throw new ModelFileException(file + ": a Sequential without layers");
            }
            Layer[] layers = new Layer[children.size()];
            for (int i = 0; i < layers.length; i++) {
                layers[i] = layer(map(children.get(i), "a layer"), depth + 1);
            }
            return new Sequential(layers);
        }
        ComponentType<Layer> layerType = components.type(Layer.class, type);
        Config config = config(json, type);
        List<int[]> shapes = layerType.parameterShapes(config);
        for (int[] shape : shapes) {
            if (nextShape >= declaredShapes.size()) {
                throw new ModelFileException(file + ": layer " + type + " needs more parameters than the file declares");
            }
            int[] declared = declaredShapes.get(nextShape++);
            if (declared[0] != shape[0] || declared[1] != shape[1]) {
                throw new ModelFileException(file + ": layer " + type + " needs a " + shape[0] + "×" + shape[1]
                        + " parameter where the file declares " + declared[0] + "×" + declared[1]);
            }
        }
        Layer layer = layerType.create(config);
        List<Parameter> made = layer.parameters();
        if (made.size() != shapes.size()) {
            throw new IllegalStateException("The type " + type + " declared " + shapes.size()
                    + " parameters but made " + made.size());
        }
        return layer;
    }

    private Config config(Map<String, Object> json, String type) {
        return new Config(file + ": " + type, map(json.getOrDefault("config", Map.of()), type + ".config"));
    }

    private int[] shape(Object value) {
        List<Object> list = list(value, "shape");
        if (list.size() != 2) {
            throw new ModelFileException(file + ": a parameter shape must be [rows, columns]");
        }
        int[] shape = new int[2];
        for (int i = 0; i < 2; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.doubleValue() < 1 || n.doubleValue() > Integer.MAX_VALUE) {
                throw new ModelFileException(file + ": a parameter shape holds " + list.get(i));
            }
            shape[i] = (int) n.doubleValue();
        }
        if ((long) shape[0] * shape[1] > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(file + ": a parameter of " + shape[0] + "×" + shape[1] + " is too large");
        }
        return shape;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new ModelFileException(file + ": " + what + " should be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object value, String what) {
        if (!(value instanceof List)) {
            throw new ModelFileException(file + ": " + what + " should be a JSON array");
        }
        return (List<Object>) value;
    }

    private String string(Object value, String what) {
        if (!(value instanceof String s)) {
            throw new ModelFileException(file + ": " + what + " should be a string");
        }
        return s;
    }
}
