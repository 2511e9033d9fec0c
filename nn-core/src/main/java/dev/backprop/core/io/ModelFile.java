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
import dev.backprop.core.component.ConfigException;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.train.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Saves a {@link Model} to one file and loads it back: a zip holding {@code model.json} (format
 * version, architecture with every layer's configuration, loss, optimizer with its
 * hyper-parameters, metrics, metadata) and every parameter and optimizer state array as a NumPy
 * {@code .npy} entry. The file is therefore also a valid {@code .npz}:
 * {@code numpy.load("model.bpz")["param.0.weights"]}.
 *
 * <p>Saving writes a temporary file beside the target and renames it over the target, so a crash
 * or a full disk never leaves a half-written model where a good one was.
 *
 * <p>Loading trusts nothing: it checks the format version, looks types up by name among the
 * registered {@link Components} (never Java class names, never Java serialization), checks every
 * declared shape against the architecture and the file's size before allocating, and reads no
 * more bytes from an entry than its declared shape needs. Whatever is wrong ends in a
 * {@link ModelFileException} naming the file.
 */
public final class ModelFile {

    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String FORMAT = "backprop-model";
    private static final String MODEL_JSON = "model.json";
    private static final int MAX_JSON_BYTES = 16 << 20;
    private static final int MAX_ENTRIES = 100_000;

    private ModelFile() {}

    /**
     * The contents of a model file.
     *
     * @param model the model, with its optimizer's state
     * @param metadata what the saver added (training settings, progress)
     */
    public record Contents(Model model, Map<String, Object> metadata) {
        /**
         * @param model the model
         * @param metadata the metadata
         */
        public Contents {
            Objects.requireNonNull(model, "model");
            metadata = Map.copyOf(metadata);
        }
    }

    /**
     * Saves a model without metadata.
     *
     * @param model the model
     * @param path the file to write, replaced atomically
     */
    public static void save(Model model, Path path) {
        save(model, path, Map.of());
    }

    /**
     * Saves a model.
     *
     * @param model the model
     * @param path the file to write, replaced atomically
     * @param metadata JSON values to keep with it: strings, numbers, booleans, lists, maps
     * @throws ModelFileException if a component has no registered type or the file cannot be written
     */
    public static void save(Model model, Path path, Map<String, Object> metadata) {
        Objects.requireNonNull(model, "model");
        Path target = path.toAbsolutePath();
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        Map<String, Object> json;
        try {
            json = describe(model, metadata, arrays);
        } catch (ConfigException e) {
            throw new ModelFileException("Cannot save the model to " + target + ": " + e.getMessage(), e);
        }
        byte[] jsonBytes = Json.write(json).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.write(target, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                put(zip, MODEL_JSON, jsonBytes);
                for (Map.Entry<String, byte[]> array : arrays.entrySet()) {
                    put(zip, array.getKey() + ".npy", array.getValue());
                }
                zip.finish();
            });
        } catch (IOException e) {
            throw new ModelFileException("Could not save the model to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Stored, not deflated: numpy reads either, and stored entries bound what a file can claim. */
    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static Map<String, Object> describe(Model model, Map<String, Object> metadata, Map<String, byte[]> arrays) {
        Components components = Components.registered();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("version", FORMAT_VERSION);
        json.put("network", describeLayer(model.network(), components));
        List<Parameter> parameters = model.parameters();
        List<Object> declared = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            String entry = "param." + i + "." + parameter.name();
            declared.add(array(entry, parameter.value().numRows, parameter.value().numCols));
            arrays.put(entry, Npy.write(parameter.value().data, parameter.value().numRows, parameter.value().numCols));
        }
        json.put("parameters", declared);
        json.put("loss", components.describe(model.loss()));
        if (model.optimizer() != null) {
            Map<String, Object> optimizer = components.describe(model.optimizer());
            List<Object> stepped = new ArrayList<>();
            if (model.optimizer() instanceof StatefulOptimizer stateful) {
                optimizer.put("iterations", stateful.iterations());
                for (int i = 0; i < parameters.size(); i++) {
                    DMatrixRMaj value = parameters.get(i).value();
                    double[][] slots = stateful.stateOf(parameters.get(i));
                    stepped.add(slots != null);
                    for (int s = 0; slots != null && s < slots.length; s++) {
                        arrays.put("optimizer." + i + "." + s, Npy.write(slots[s], value.numRows, value.numCols));
                    }
                }
            } else {
                parameters.forEach(parameter -> stepped.add(false));
            }
            optimizer.put("stepped", stepped);
            json.put("optimizer", optimizer);
        }
        List<Object> metrics = new ArrayList<>();
        for (Metric metric : model.metrics()) {
            metrics.add(components.describe(metric));
        }
        json.put("metrics", metrics);
        json.put("metadata", metadata);
        return json;
    }

    private static Map<String, Object> describeLayer(Layer layer, Components components) {
        if (layer instanceof Sequential sequential) {
            List<Object> inner = new ArrayList<>();
            for (Layer child : sequential.layers()) {
                inner.add(describeLayer(child, components));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "Sequential");
            json.put("layers", inner);
            return json;
        }
        return components.describe(layer);
    }

    private static Map<String, Object> array(String entry, int rows, int cols) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entry", entry);
        json.put("shape", List.of(rows, cols));
        return json;
    }

    /**
     * Loads a model.
     *
     * @param path the file
     * @return the model, ready to predict or to train on
     * @throws ModelFileException if the file is missing, corrupt or foreign
     */
    public static Model load(Path path) {
        return read(path).model();
    }

    /**
     * Loads a model with the metadata saved beside it.
     *
     * @param path the file
     * @return the model and its metadata
     * @throws ModelFileException if the file is missing, corrupt or foreign
     */
    public static Contents read(Path path) {
        String file = path.toString();
        long fileSize;
        try {
            fileSize = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("No model file at " + file);
        } catch (IOException e) {
            throw new ModelFileException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new ModelFileException(file + " has " + zip.size() + " entries; a model file has at most " + MAX_ENTRIES);
            }
            return new Reader(zip, file, fileSize).read();
        } catch (ZipException e) {
            throw new ModelFileException(file + " is not a model file (not a zip archive: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFileException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (ModelFileException e) {
            throw e;
        } catch (ConfigException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Whatever a damaged file provokes in the zip reader or a codec ends here: the loader's
            // contract is its own exception, whatever the file holds.
            throw new ModelFileException(file + " is not a valid model file: " + e, e);
        }
    }

    /** One load: walks model.json, checking as it goes. */
    private static final class Reader {

        private final ZipFile zip;
        private final String file;
        private final long fileSize;
        private final Components components = Components.registered();
        private List<int[]> declaredShapes;
        private int nextShape;

        Reader(ZipFile zip, String file, long fileSize) {
            this.zip = zip;
            this.file = file;
            this.fileSize = fileSize;
        }

        Contents read() throws IOException {
            Map<String, Object> json = map(Json.parse(new String(entryBytes(MODEL_JSON, MAX_JSON_BYTES),
                    StandardCharsets.UTF_8)), "model.json");
            if (!FORMAT.equals(json.get("format"))) {
                throw new ModelFileException(file + " is not a Backprop model file (no \"format\": \"" + FORMAT + "\")");
            }
            Config header = new Config(file, json);
            long version = header.integer("version", 1, Integer.MAX_VALUE);
            if (version > FORMAT_VERSION) {
                throw new ModelFileException(file + " has format version " + version + "; this Backprop reads up to "
                        + FORMAT_VERSION + ": upgrade Backprop to load it");
            }
            List<Object> declared = list(json.get("parameters"), "parameters");
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
                readArray(entry, parameters.get(i).value(), parameters.get(i).value().data);
            }
            Map<String, Object> lossJson = map(json.get("loss"), "loss");
            Model.Builder builder = Model.builder(network).loss(components.create(Loss.class, lossJson, file));
            Optimizer optimizer = null;
            List<Object> stepped = null;
            if (json.get("optimizer") != null) {
                Map<String, Object> optimizerJson = map(json.get("optimizer"), "optimizer");
                optimizer = components.create(Optimizer.class, optimizerJson, file);
                stepped = list(optimizerJson.get("stepped"), "optimizer.stepped");
                if (stepped.size() != parameters.size()) {
                    throw new ModelFileException(file + ": the optimizer's state covers " + stepped.size()
                            + " parameters, the model has " + parameters.size());
                }
                builder.optimizer(optimizer);
            }
            for (Object metric : list(json.getOrDefault("metrics", List.of()), "metrics")) {
                builder.metric(components.create(Metric.class, map(metric, "a metric"), file));
            }
            if (optimizer instanceof StatefulOptimizer stateful) {
                Map<String, Object> optimizerJson = map(json.get("optimizer"), "optimizer");
                stateful.restoreIterations(new Config(file + ": optimizer", optimizerJson)
                        .integer("iterations", 0, Long.MAX_VALUE / 2));
                for (int i = 0; i < parameters.size(); i++) {
                    if (Boolean.TRUE.equals(stepped.get(i))) {
                        DMatrixRMaj value = parameters.get(i).value();
                        double[][] slots = new double[stateful.slots()][];
                        for (int s = 0; s < slots.length; s++) {
                            slots[s] = new double[value.getNumElements()];
                            readArray("optimizer." + i + "." + s, value, slots[s]);
                        }
                        stateful.restoreState(parameters.get(i), slots);
                    }
                }
            }
            Object metadata = json.getOrDefault("metadata", Map.of());
            return new Contents(builder.build(), map(metadata, "metadata"));
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

        private void readArray(String entry, DMatrixRMaj shape, double[] target) throws IOException {
            String name = entry + ".npy";
            ZipEntry zipEntry = zip.getEntry(name);
            if (zipEntry == null) {
                throw new ModelFileException(file + " has no entry " + name);
            }
            CRC32 crc = new CRC32();
            try (InputStream in = new CheckedInputStream(
                    bounded(zip.getInputStream(zipEntry), Npy.size(shape.numRows, shape.numCols) + 4096), crc)) {
                Npy.read(in, shape.numRows, shape.numCols, target, file + "!" + name);
            }
            checkCrc(zipEntry, crc, name);
            for (int i = 0; i < shape.getNumElements(); i++) {
                if (!Double.isFinite(target[i])) {
                    throw new ModelFileException(file + "!" + name + " holds " + target[i] + " at index " + i);
                }
            }
        }

        private byte[] entryBytes(String name, int limit) throws IOException {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new ModelFileException(file + " is not a model file: it has no " + name);
            }
            CRC32 crc = new CRC32();
            try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
                byte[] bytes = in.readNBytes(limit + 1);
                if (bytes.length > limit) {
                    throw new ModelFileException(file + ": " + name + " is larger than " + limit + " bytes");
                }
                checkCrc(entry, crc, name);
                return bytes;
            }
        }

        /** Stored entries are not checked by the zip reader itself: a flipped bit in a weight must not pass. */
        private void checkCrc(ZipEntry entry, CRC32 crc, String name) {
            if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
                throw new ModelFileException(file + "!" + name + " is damaged: its checksum does not match");
            }
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

    /** Reads at most {@code limit} bytes, then reports the end. */
    private static InputStream bounded(InputStream in, long limit) {
        return new InputStream() {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                left--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(length, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

}
