package dev.backprop.core.io;

import dev.backprop.core.Layer;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.StatefulOptimizer;
import dev.backprop.core.component.Components;
import dev.backprop.core.component.Config;
import dev.backprop.core.component.ConfigException;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.train.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    static final String FORMAT = "backprop-model";
    static final String MODEL_JSON = "model.json";
    static final int MAX_JSON_BYTES = 16 << 20;
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
                ModelArchive.put(zip, MODEL_JSON, jsonBytes);
                for (Map.Entry<String, byte[]> array : arrays.entrySet()) {
                    ModelArchive.put(zip, array.getKey() + ".npy", array.getValue());
                }
                zip.finish();
            });
        } catch (IOException e) {
            throw new ModelFileException("Could not save the model to " + target + ": " + e.getMessage(), e);
        }
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
            return new ModelFileReader(new ModelArchive(zip, file), fileSize).read();
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
}
