package dev.backprop.data.tabular;

import dev.backprop.core.component.Config;
import dev.backprop.core.component.ConfigException;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.io.ModelFileException;
import dev.backprop.core.train.Evaluation;
import dev.backprop.core.train.Model;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A model with the preprocessing fitted for it: the whole pipeline from raw table rows to class
 * names and probabilities, or to values in the target's units. Saved as one model file, whose
 * {@code model.json} keeps the preprocessing beside the network, so that a saved model evaluates
 * and predicts raw files.
 *
 * <pre>{@code
 * RawTable train = RawTable.read(Path.of("train.csv"), CsvOptions.defaults());
 * Preprocessor preprocessor = Preprocessor.fit(train, TabularOptions.defaults().withLabel("species"));
 * Model model = ...;                                        // preprocessor.inputs() in, preprocessor.outputs() out
 * model.fit(preprocessor.encode(train).dataset(), options);
 * TabularModel tabular = new TabularModel(preprocessor, model);
 * tabular.save(Path.of("model.bpz"));
 * TabularModel.Predictions p = TabularModel.load(Path.of("model.bpz"))
 *         .predict(RawTable.read(Path.of("new.csv"), CsvOptions.defaults()));
 * }</pre>
 */
public final class TabularModel {

    /** The key of the preprocessing in a model file's metadata. */
    public static final String METADATA_KEY = "preprocessing";

    private final Preprocessor preprocessor;
    private final Model model;

    /**
     * @param preprocessor the fitted preprocessing
     * @param model a model whose network takes {@code preprocessor.inputs()} columns and gives
     *     {@code preprocessor.outputs()}
     */
    public TabularModel(Preprocessor preprocessor, Model model) {
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
        this.model = Objects.requireNonNull(model, "model");
    }

    /** @return the preprocessing */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /** @return the model */
    public Model model() {
        return model;
    }

    /**
     * Saves the model with its preprocessing, atomically.
     *
     * @param file the model file
     * @param metadata other JSON values to keep (the recipe, the data set's name)
     */
    public void save(Path file, Map<String, Object> metadata) {
        Map<String, Object> all = new LinkedHashMap<>(metadata);
        all.put(METADATA_KEY, preprocessor.config());
        ModelFile.save(model, file, all);
    }

    /**
     * @param file a model file saved by {@link #save}
     * @return the model and its preprocessing
     * @throws ModelFileException if the file is not a model file or holds no valid preprocessing
     */
    public static TabularModel load(Path file) {
        ModelFile.Contents contents = ModelFile.read(file);
        Preprocessor preprocessor = preprocessing(contents, file);
        if (preprocessor == null) {
            throw new ModelFileException(file + " is a model without the preprocessing of a table");
        }
        return new TabularModel(preprocessor, contents.model());
    }

    /**
     * @param contents a model file's contents
     * @param file the file, for messages
     * @return its preprocessing, or null if it has none (a model trained on arrays)
     * @throws ModelFileException if the preprocessing it holds is malformed or does not fit the network
     */
    @SuppressWarnings("unchecked")
    public static Preprocessor preprocessing(ModelFile.Contents contents, Path file) {
        Object json = contents.metadata().get(METADATA_KEY);
        if (json == null) {
            return null;
        }
        if (!(json instanceof Map<?, ?> map)) {
            throw new ModelFileException(file + ": its preprocessing should be a JSON object");
        }
        try {
            Preprocessor preprocessor = Preprocessor.fromConfig(new Config(file + ": preprocessing",
                    (Map<String, Object>) map));
            DMatrixRMaj probe = new DMatrixRMaj(1, preprocessor.inputs());
            int outputs = contents.model().predict(probe).numCols;
            if (outputs != preprocessor.outputs()) {
                throw new ModelFileException(file + ": the network gives " + outputs + " outputs, its preprocessing "
                        + "expects " + preprocessor.outputs());
            }
            return preprocessor;
        } catch (ConfigException e) {
            throw new ModelFileException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": its preprocessing does not fit its network: " + e.getMessage(), e);
        }
    }

    /**
     * What the model says of each row.
     *
     * @param rows the table's rows predicted, in order
     * @param classes the class names, in column order of {@code probabilities}; empty for a regression
     * @param probabilities one row per predicted row, one column per class; null for a regression
     * @param values the predicted values in the target's units, n × 1; null for a classification
     * @param unknownCategories cells that held a category training never saw
     */
    public record Predictions(int[] rows, List<String> classes, DMatrixRMaj probabilities, DMatrixRMaj values,
            long unknownCategories) {

        /**
         * @param row a predicted row, from 0
         * @return the most probable class's name
         */
        public String predictedClass(int row) {
            int best = 0;
            for (int j = 1; j < probabilities.numCols; j++) {
                if (probabilities.get(row, j) > probabilities.get(row, best)) {
                    best = j;
                }
            }
            return classes.get(best);
        }
    }

    /**
     * Predicts raw rows; a label column, when the table has one, is left out.
     *
     * @param table rows with the columns the model was trained on
     * @return class names and probabilities, or values in the target's units
     */
    public Predictions predict(RawTable table) {
        Preprocessor.Encoded encoded = preprocessor.encode(table);
        DMatrixRMaj outputs = model.predict(encoded.inputs());
        if (preprocessor.task() == Task.REGRESSION) {
            return new Predictions(encoded.rows(), List.of(), null, preprocessor.toTargetUnits(outputs),
                    encoded.unknownCategories());
        }
        return new Predictions(encoded.rows(), preprocessor.classNames(), outputs, null, encoded.unknownCategories());
    }

    /**
     * Measures the model on every row of a table with its label column.
     *
     * @param table labelled rows
     * @return the loss and the model's metrics
     */
    public Evaluation evaluate(RawTable table) {
        return model.evaluate(preprocessor.encode(table).dataset());
    }
}
