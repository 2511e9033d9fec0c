package dev.backprop.data.tabular;

import dev.backprop.core.component.Config;
import dev.backprop.core.component.ConfigException;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.data.DataFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Turns the rows of a table into a network's inputs and targets, as scikit-learn's
 * {@code ColumnTransformer} of {@code StandardScaler} and {@code OneHotEncoder} with a
 * {@code LabelEncoder}: fitted on the training rows only, then applied unchanged to validation,
 * test and new rows. It travels in the model file ({@link TabularModel}), so that evaluation and
 * prediction take raw files.
 *
 * <p>Fitting decides each feature column's type (numbers, or text: categories; {@link
 * TabularOptions#categorical()} forces categories), the task when {@link Task#AUTO} (a label of text,
 * or of at most {@value #MAX_GUESSED_CLASSES} distinct whole numbers, is a classification; any other
 * numeric label a regression), the class names (sorted: numerically for numbers), and for
 * regression the target's mean and standard deviation, by which targets are standardised for
 * training and outputs turned back into the target's units.
 *
 * <p>Serializable, so that a cluster's tasks encode their own rows (nn-spark).
 */
public final class Preprocessor implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** A numeric label with more distinct whole values than this is taken for a regression target. */
    public static final int MAX_GUESSED_CLASSES = TabularRules.MAX_GUESSED_CLASSES;

    /** The label column's name. */
    private final String label;
    /** The fitted feature columns, in encoding order. */
    private final List<Feature> features;
    /** Classification or regression. */
    private final Task task;
    /** The class names, in output order; empty for a regression. */
    private final List<String> classes;
    /** A regression target's mean. */
    private final double targetMean;
    /** A regression target's standard deviation. */
    private final double targetScale;
    /** How missing cells are treated. */
    private final MissingValues missing;
    /** Whether a category training never saw is an error. */
    private final boolean unknownIsError;
    /** Why the task was chosen, for the log and the summary. */
    private final String reason;

    Preprocessor(String label, List<Feature> features, Task task, List<String> classes, double targetMean,
            double targetScale, MissingValues missing, boolean unknownIsError, String reason) {
        this.label = label;
        this.features = List.copyOf(features);
        this.task = task;
        this.classes = List.copyOf(classes);
        this.targetMean = targetMean;
        this.targetScale = targetScale;
        this.missing = missing;
        this.unknownIsError = unknownIsError;
        this.reason = reason;
    }

    /**
     * Fits the preprocessing on training rows.
     *
     * @param train the training rows, label included
     * @param options the label column, types, missing cells, scaling, task
     * @return the fitted preprocessing
     * @throws DataFormatException if the label column is absent, holds one class, or a cell is missing
     *     where missing cells are errors
     */
    public static Preprocessor fit(RawTable train, TabularOptions options) {
        return TableFit.fit(train, options);
    }

    /**
     * A preprocessing from decisions made elsewhere (nn-spark fits one on a cluster), checked as a
     * model file's is.
     *
     * @param label the label column
     * @param features the feature columns, in encoding order
     * @param task how the task was chosen ({@link TabularRules#task})
     * @param classes the classes in output order (classification), else empty
     * @param targetMean a regression target's mean (else 0)
     * @param targetScale a regression target's scale, positive (else 1)
     * @param options the missing-cell and unknown-category rules it keeps
     * @return the preprocessing
     * @throws IllegalArgumentException if the task is not decided, a classification has fewer than
     *     two classes, there is no feature, or the target's scale is not positive
     */
    public static Preprocessor of(String label, List<Feature> features, TabularRules.TaskChoice task,
            List<String> classes, double targetMean, double targetScale, TabularOptions options) {
        if (task.task() == Task.AUTO || features.isEmpty() || !(targetScale > 0)
                || task.task() == Task.CLASSIFICATION && classes.size() < 2) {
            throw new IllegalArgumentException("a preprocessing needs a decided task, features, a positive target "
                    + "scale and, for a classification, two classes or more");
        }
        return new Preprocessor(label, features, task.task(), classes, targetMean, targetScale, options.missing(),
                options.unknownIsError(), task.reason());
    }

    /**
     * Which column holds the label, as {@link TabularRules#labelColumn} decides.
     *
     * @param columns the table's columns
     * @param asked the column asked for, or null
     * @param source the table's name, for messages
     * @return the label column's name
     * @throws DataFormatException if the column asked for is not there
     */
    public static String labelColumn(List<String> columns, String asked, String source) {
        return TabularRules.labelColumn(columns, asked, source);
    }

    /**
     * @param value a numeric label
     * @return its class name: a whole number without decimals ("3", not "3.0"), else the number as Java writes it
     */
    public static String className(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * The encoded rows of a table.
     *
     * @param inputs the features, one row per kept row
     * @param targets the targets (class indices, n × 1, or standardised values), or null when the
     *     table has no label column
     * @param rows the table's rows that were kept, in order (all but those dropped for missing cells)
     * @param unknownCategories cells holding a category training never saw, encoded as zeros
     */
    public record Encoded(DMatrixRMaj inputs, DMatrixRMaj targets, int[] rows, long unknownCategories) {

        /** @return inputs and targets as a data set */
        public InMemoryDataset dataset() {
            if (targets == null) {
                throw new IllegalStateException("These rows have no label column");
            }
            return Dataset.of(inputs, targets);
        }
    }

    /**
     * Encodes a table's rows: its columns are found by name, in any order; the label column may be
     * absent (then there are no targets).
     *
     * @param table rows with the columns the preprocessing was fitted on
     * @return inputs, targets when there is a label column, the rows kept
     * @throws DataFormatException if a feature column is absent, the table has a column the model
     *     does not know, a cell is missing where that is an error, a number is not a number, a label
     *     is a class training never saw, or (with {@code --unknown-category error}) a category is new
     */
    public Encoded encode(RawTable table) {
        return RowEncoder.encode(this, table);
    }

    /**
     * @param outputs the network's outputs for standardised targets, n × 1
     * @return the values in the target's own units (a new matrix)
     */
    public DMatrixRMaj toTargetUnits(DMatrixRMaj outputs) {
        DMatrixRMaj values = outputs.copy();
        for (int i = 0; i < values.data.length; i++) {
            values.data[i] = values.data[i] * targetScale + targetMean;
        }
        return values;
    }

    /** @return the number of encoded input columns: the network's input width */
    public int inputs() {
        return features.stream().mapToInt(Feature::width).sum();
    }

    /** @return the network's output width: one per class, or 1 for a regression */
    public int outputs() {
        return task == Task.CLASSIFICATION ? classes.size() : 1;
    }

    /** @return classification or regression */
    public Task task() {
        return task;
    }

    /** @return why the task is what it is, for logs and reports */
    public String taskReason() {
        return reason;
    }

    /** @return the class names, in output order; empty for a regression */
    public List<String> classNames() {
        return classes;
    }

    /** @return the label column's name */
    public String label() {
        return label;
    }

    /** @return the fitted feature columns, in file order: how each becomes the network's inputs */
    public List<Feature> features() {
        return features;
    }

    /** @return what the preprocessing does with a missing cell */
    public MissingValues missing() {
        return missing;
    }

    /** @return the feature columns' names, in file order */
    public List<String> featureNames() {
        return features.stream().map(Feature::name).toList();
    }

    /** @return the target's mean over the training rows (regression) */
    public double targetMean() {
        return targetMean;
    }

    /** @return the target's standard deviation over the training rows (regression; 1 if constant) */
    public double targetScale() {
        return targetScale;
    }

    /** @return whether a category training never saw is an error (else it encodes as zeros) */
    boolean unknownIsError() {
        return unknownIsError;
    }

    String describeFeatures() {
        long categorical = features.stream().filter(f -> !f.numeric()).count();
        return String.format(Locale.ROOT, "%d features (%d numeric, %d categorical) encode as %d inputs",
                features.size(), features.size() - categorical, categorical, inputs());
    }

    /** @return the fitted preprocessing as JSON values, as model files keep it */
    public Map<String, Object> config() {
        return PreprocessorJson.write(this);
    }

    /**
     * @param config what {@link #config()} wrote
     * @return the preprocessing it describes
     * @throws ConfigException if a value is missing or malformed
     */
    public static Preprocessor fromConfig(Config config) {
        return PreprocessorJson.read(config);
    }

    /**
     * A summary for people: each column with its type and fitted values.
     *
     * @return one line per column, in the file's order
     */
    public Map<String, String> describe() {
        Map<String, String> lines = new LinkedHashMap<>();
        for (Feature feature : features) {
            lines.put(feature.name(), feature.numeric()
                    ? String.format(Locale.ROOT, "numeric, centre %.4g, scale %.4g%s", feature.center(), feature.scale(),
                            feature.smoothClip() ? ", clipped smoothly" : "")
                            + (Double.isNaN(feature.fill()) ? "" : String.format(Locale.ROOT, ", missing as %.4g%s",
                                    feature.fill(), feature.missingIndicator() ? " with an indicator" : ""))
                    : "categorical, " + feature.categories().size() + " categories " + feature.categories());
        }
        return lines;
    }
}
