package dev.backprop.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.backprop.core.Layer;
import dev.backprop.core.Sequential;
import dev.backprop.core.io.AtomicFile;
import dev.backprop.core.io.Json;
import dev.backprop.core.train.Model;
import dev.backprop.data.tabular.Feature;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.LongStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Writes a trained model as one ONNX file that any ONNX runtime (Python, C#, C++, JavaScript, mobile)
 * runs without Backprop.
 *
 * <p>The graph is the whole model:
 *
 * <ul>
 *   <li>A model trained on arrays takes {@code input} (N × its input width) and gives {@code output},
 *       what {@link Model#predict} gives; with {@link OnnxOptions#withClassNames class names}, also
 *       {@code label}, the name of each row's most probable class (a string tensor of N).
 *   <li>A {@link TabularModel} takes its raw columns, one input per column named as the column
 *       (numbers N × 1, categories N × 1 strings), with its preprocessing inside the graph. A
 *       classifier gives {@code probabilities} (N × classes, in the order of its class names) and
 *       {@code label}; a regression gives {@code value} (N × 1) in the target's own units.
 * </ul>
 *
 * <p>Each layer is written by a {@link LayerExporter}: Backprop's own ({@link BuiltInExporters}), those
 * registered by other modules ({@link LayerExporterProvider}), or those passed in {@link
 * OnnxOptions#withExporter}. The file's metadata properties keep the class names, the feature names,
 * the task, Backprop's version, the layers, and the given metadata (such as the training recipe).
 * Writing is atomic: a model that cannot be exported leaves no file, and an existing file is kept.
 *
 * <pre>{@code
 * OnnxExport.write(TabularModel.load(Path.of("model.bpz")), Path.of("model.onnx"));
 * OnnxExport.write(model, Path.of("model.onnx"), OnnxOptions.defaults().withPrecision(Precision.FLOAT64));
 * }</pre>
 */
public final class OnnxExport {

    /** The prefix of Backprop's metadata property keys. */
    public static final String METADATA_PREFIX = "backprop.";
    /** The producer name written into every file. */
    public static final String PRODUCER = "Backprop";

    private static final int ML_OPSET = 3;
    private static final String VERSION = version();

    private OnnxExport() {}

    /**
     * Writes a model trained on arrays, float32, opset {@value OnnxOptions#DEFAULT_OPSET}.
     *
     * @param model the model
     * @param file the ONNX file, replaced atomically
     * @throws OnnxExportException if a layer cannot be exported or the file cannot be written
     */
    public static void write(Model model, Path file) {
        write(model, file, OnnxOptions.defaults());
    }

    /**
     * Writes a model trained on arrays.
     *
     * @param model the model
     * @param file the ONNX file, replaced atomically
     * @param options precision, opset, class names, metadata, exporters
     * @throws OnnxExportException if a layer cannot be exported or the file cannot be written
     */
    public static void write(Model model, Path file, OnnxOptions options) {
        save(bytes(model, options), file);
    }

    /**
     * Writes a table's model with its preprocessing, float32, opset {@value OnnxOptions#DEFAULT_OPSET}.
     *
     * @param model the model and its preprocessing
     * @param file the ONNX file, replaced atomically
     * @throws OnnxExportException if a layer cannot be exported or the file cannot be written
     */
    public static void write(TabularModel model, Path file) {
        write(model, file, OnnxOptions.defaults());
    }

    /**
     * Writes a table's model with its preprocessing.
     *
     * @param model the model and its preprocessing
     * @param file the ONNX file, replaced atomically
     * @param options precision, opset, metadata, exporters (class names come from the preprocessing)
     * @throws OnnxExportException if a layer cannot be exported or the file cannot be written
     */
    public static void write(TabularModel model, Path file, OnnxOptions options) {
        save(bytes(model, options), file);
    }

    /**
     * @param model a model trained on arrays
     * @param options how to write it
     * @return the ONNX file's bytes (for a runtime session made in memory)
     * @throws OnnxExportException if a layer cannot be exported
     */
    public static byte[] bytes(Model model, OnnxOptions options) {
        return build(Objects.requireNonNull(model, "model"), null, options).toByteArray();
    }

    /**
     * @param model a table's model with its preprocessing
     * @param options how to write it
     * @return the ONNX file's bytes
     * @throws OnnxExportException if a layer cannot be exported
     */
    public static byte[] bytes(TabularModel model, OnnxOptions options) {
        Objects.requireNonNull(model, "model");
        return build(model.model(), model.preprocessor(), options).toByteArray();
    }

    private static void save(byte[] bytes, Path file) {
        try {
            AtomicFile.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw new OnnxExportException("Could not write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static ModelProto build(Model model, Preprocessor preprocessor, OnnxOptions options) {
        Objects.requireNonNull(options, "options");
        OnnxGraph graph = new OnnxGraph("backprop", options.precision(), options.opset());
        List<String> classes = preprocessor != null ? preprocessor.classNames() : options.classNames();
        boolean regression = preprocessor != null && preprocessor.task() == Task.REGRESSION;
        int inputs = preprocessor != null ? preprocessor.inputs() : model.inputWidth();
        if (inputs < 1) {
            throw new OnnxExportException("Cannot tell the input width of " + model.network()
                    + ": no layer has parameters");
        }
        int outputs = model.predict(new DMatrixRMaj(1, inputs)).numCols;
        if (!classes.isEmpty() && classes.size() != outputs) {
            throw new OnnxExportException(classes.size() + " class names for a network with " + outputs + " outputs");
        }
        // The names a caller sees are reserved first, so that no inner value takes them.
        String outputName = preprocessor == null ? "output" : regression ? "value" : "probabilities";
        String x;
        if (preprocessor != null) {
            preprocessor.features().forEach(feature -> graph.reserve(feature.name()));
            graph.reserve(outputName);
            if (!regression) {
                graph.reserve("label");
            }
            x = TabularInputs.emit(preprocessor, graph);
        } else {
            x = graph.reserve("input");
            graph.reserve(outputName);
            if (!classes.isEmpty()) {
                graph.reserve("label");
            }
            graph.input(x, graph.floatType(), inputs);
        }
        List<LayerExporter<?>> exporters = exporters(options);
        for (Layer layer : leaves(model.network())) {
            x = export(layer, exporters, graph, x);
        }
        if (regression) {
            x = graph.node("Mul", Map.of(), x, graph.scalar("target_scale", preprocessor.targetScale()));
            x = graph.node("Add", Map.of(), x, graph.scalar("target_mean", preprocessor.targetMean()));
        }
        graph.identity(x, outputName);
        graph.output(outputName, graph.floatType(), outputs);
        if (!classes.isEmpty()) {
            String index = graph.node("ArgMax", Map.of("axis", 1, "keepdims", 0), outputName);
            Map<String, Object> mapping = new LinkedHashMap<>();
            mapping.put("keys_int64s", LongStream.range(0, classes.size()).toArray());
            mapping.put("values_strings", classes);
            mapping.put("default_string", "");
            String names = graph.node(OnnxGraph.ML_DOMAIN, "LabelEncoder", mapping, index);
            graph.declare(names, TensorProto.DataType.STRING_VALUE);
            graph.identity(names, "label");
            graph.output("label", TensorProto.DataType.STRING_VALUE);
        }
        ModelProto.Builder file = ModelProto.newBuilder()
                .setIrVersion(irVersion(options.opset()))
                .setProducerName(PRODUCER)
                .setProducerVersion(VERSION)
                .setDocString(describe(preprocessor, classes, outputName))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()))
                .setGraph(graph.build());
        if (preprocessor != null || !classes.isEmpty()) {
            file.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(OnnxGraph.ML_DOMAIN).setVersion(ML_OPSET));
        }
        metadata(model, preprocessor, classes, options).forEach((key, value) ->
                file.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return file.build();
    }

    private static List<Layer> leaves(Layer network) {
        return network instanceof Sequential sequential ? sequential.leafLayers() : List.of(network);
    }

    @SuppressWarnings("unchecked")
    private static String export(Layer layer, List<LayerExporter<?>> exporters, OnnxGraph graph, String input) {
        LayerExporter<?> found = null;
        for (LayerExporter<?> exporter : exporters) {
            if (exporter.layerClass() == layer.getClass()) {
                found = exporter;
                break;
            }
            if (found == null && exporter.layerClass().isInstance(layer)) {
                found = exporter;
            }
        }
        if (found == null) {
            throw new OnnxExportException("Cannot export " + layer + " (" + layer.getClass().getName() + "): no ONNX "
                    + "exporter is registered for its class. Write a LayerExporter for it and register it with a "
                    + "LayerExporterProvider named in META-INF/services/" + LayerExporterProvider.class.getName()
                    + ", or pass it with OnnxOptions.withExporter");
        }
        String output = ((LayerExporter<Layer>) found).export(layer, graph, input);
        if (output == null) {
            throw new OnnxExportException(found + " gave no output for " + layer);
        }
        return output;
    }

    /** The options' exporters, then those registered, found by this module's and the thread's class loaders. */
    private static List<LayerExporter<?>> exporters(OnnxOptions options) {
        List<LayerExporter<?>> all = new ArrayList<>(options.exporters());
        Map<String, LayerExporterProvider> providers = new LinkedHashMap<>();
        for (ClassLoader loader : new ClassLoader[] {OnnxExport.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            if (loader != null) {
                ServiceLoader.load(LayerExporterProvider.class, loader)
                        .forEach(provider -> providers.putIfAbsent(provider.getClass().getName(), provider));
            }
        }
        providers.values().forEach(provider -> all.addAll(provider.exporters()));
        return all;
    }

    /** The IR version that goes with an opset, as ONNX's versioning table pairs them. */
    static long irVersion(int opset) {
        if (opset <= 14) {
            return 7;
        }
        if (opset <= 18) {
            return 8;
        }
        return opset <= 20 ? 9 : 10;
    }

    private static Map<String, String> metadata(Model model, Preprocessor preprocessor, List<String> classes,
            OnnxOptions options) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(METADATA_PREFIX + "version", VERSION);
        properties.put(METADATA_PREFIX + "layers", Json.write(leaves(model.network()).stream().map(String::valueOf)
                .toList()));
        properties.put(METADATA_PREFIX + "precision", options.precision().toString());
        if (!classes.isEmpty()) {
            properties.put(METADATA_PREFIX + "classes", Json.write(classes));
        }
        if (preprocessor != null) {
            properties.put(METADATA_PREFIX + "task", preprocessor.task().toString());
            properties.put(METADATA_PREFIX + "label", preprocessor.label());
            properties.put(METADATA_PREFIX + "features", Json.write(preprocessor.featureNames()));
            properties.put(METADATA_PREFIX + "preprocessing", Json.write(preprocessor.config()));
        }
        options.metadata().forEach((key, value) -> {
            if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)
                    && !(value instanceof List) && !(value instanceof Map)) {
                throw new OnnxExportException("metadata '" + key + "': " + value + " is not a JSON value");
            }
            // What the export itself knows (the class names, the features) wins over a given value of that name.
            properties.putIfAbsent(METADATA_PREFIX + key, value instanceof String string ? string : Json.write(value));
        });
        return properties;
    }

    private static String describe(Preprocessor preprocessor, List<String> classes, String output) {
        StringBuilder doc = new StringBuilder("Exported by Backprop. ");
        if (preprocessor == null) {
            doc.append("Input 'input': the network's inputs, one row per sample. Output '").append(output)
                    .append("': what Model.predict gives");
        } else {
            doc.append("Inputs: one per column, numbers N x 1, categories N x 1 strings without surrounding blanks (");
            for (Feature feature : preprocessor.features()) {
                doc.append(feature.name()).append(feature.numeric() ? ": number; " : ": category; ");
            }
            doc.setLength(doc.length() - 2);
            doc.append("). Output '").append(output).append(regression(preprocessor)
                    ? "': the prediction in the target's units" : "': each class's probability");
        }
        if (!classes.isEmpty()) {
            doc.append("; output 'label': the most probable class's name");
        }
        return doc.append('.').toString();
    }

    private static boolean regression(Preprocessor preprocessor) {
        return preprocessor.task() == Task.REGRESSION;
    }

    private static String version() {
        try (InputStream in = OnnxExport.class.getResourceAsStream("backprop.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
