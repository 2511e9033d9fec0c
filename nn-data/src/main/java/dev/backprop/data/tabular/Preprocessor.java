package dev.backprop.data.tabular;

import dev.backprop.core.component.Config;
import dev.backprop.core.component.ConfigException;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.data.DataFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(Preprocessor.class);
    /** A numeric label with more distinct whole values than this is taken for a regression target. */
    public static final int MAX_GUESSED_CLASSES = 20;

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

    private Preprocessor(String label, List<Feature> features, Task task, List<String> classes, double targetMean,
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
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(options, "options");
        String label = labelColumn(train, options.label());
        int labelIndex = train.indexOf(label);
        if (train.columns().size() < 2) {
            throw new DataFormatException(train.source() + ": needs at least one feature column besides '" + label + "'");
        }
        for (String column : options.categorical()) {
            if (train.indexOf(column) < 0) {
                throw new DataFormatException(train.source() + ": no column named '" + column
                        + "' to treat as categorical; the columns are " + train.columns());
            }
        }
        RawTable rows = options.missing() == MissingValues.DROP_ROWS ? withoutMissing(train) : train;
        List<String> labels = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            String cell = rows.cell(r, labelIndex);
            if (Cells.isMissing(cell)) {
                throw new DataFormatException(rows.source() + ": line " + rows.line(r) + " has no label in column '"
                        + label + "' (use --missing drop-rows to leave such rows out)");
            }
            labels.add(cell);
        }
        Task task = options.task();
        String reason = "asked for";
        boolean numericLabels = labels.stream().allMatch(cell -> !Double.isNaN(Cells.number(cell)));
        TreeSet<Double> distinct = new TreeSet<>();
        boolean whole = numericLabels;
        if (numericLabels) {
            for (String cell : labels) {
                double value = Cells.number(cell);
                distinct.add(value);
                whole &= value == Math.rint(value);
            }
        }
        if (task == Task.AUTO) {
            if (!numericLabels) {
                task = Task.CLASSIFICATION;
                reason = "the label column '" + label + "' holds text";
            } else if (whole && distinct.size() <= MAX_GUESSED_CLASSES) {
                task = Task.CLASSIFICATION;
                reason = "the label column '" + label + "' holds " + distinct.size() + " distinct whole numbers";
            } else {
                task = Task.REGRESSION;
                reason = "the label column '" + label + "' holds " + (whole ? distinct.size() + " distinct whole numbers"
                        : "numbers that are not whole") + "; --task classification says otherwise";
            }
        }
        List<String> classes = new ArrayList<>();
        double mean = 0;
        double scale = 1;
        if (task == Task.CLASSIFICATION) {
            if (numericLabels) {
                distinct.forEach(value -> classes.add(className(value)));
            } else {
                classes.addAll(new TreeSet<>(labels.stream().map(Cells::category).toList()));
            }
            if (classes.size() < 2) {
                throw new DataFormatException(rows.source() + ": every label in column '" + label + "' is "
                        + classes.get(0) + "; a classification needs at least two classes");
            }
        } else {
            if (!numericLabels) {
                String text = labels.stream().filter(cell -> Double.isNaN(Cells.number(cell))).findFirst().orElse("");
                throw new DataFormatException(rows.source() + ": a regression needs numbers in column '" + label
                        + "', and it holds '" + text + "'");
            }
            double[] values = labels.stream().mapToDouble(Cells::number).toArray();
            mean = Arrays.stream(values).average().orElse(0);
            scale = deviation(values, mean);
        }
        List<Feature> features = new ArrayList<>();
        for (int c = 0; c < rows.columns().size(); c++) {
            if (c != labelIndex) {
                features.add(fitFeature(rows, c, options));
            }
        }
        Preprocessor fitted = new Preprocessor(label, features, task, classes, mean, scale, options.missing(),
                options.unknownIsError(), reason);
        LOG.info("{}: {} ({}); {}", train.source(), task, reason, fitted.describeFeatures());
        return fitted;
    }

    private static String labelColumn(RawTable table, String asked) {
        return labelColumn(table.columns(), asked, table.source());
    }

    /**
     * Which column holds the label: the one asked for, else the first named as {@link
     * TabularOptions#USUAL_LABELS} says (ignoring case), else the last; the choice is logged.
     *
     * @param columns the table's columns
     * @param asked the column asked for, or null
     * @param source the table's name, for messages
     * @return the label column's name
     * @throws DataFormatException if the column asked for is not there
     */
    public static String labelColumn(List<String> columns, String asked, String source) {
        if (asked != null) {
            if (columns.contains(asked)) {
                return asked;
            }
            // As the usual names are found: ignoring case, when that names one column only.
            List<String> alike = columns.stream().filter(column -> column.equalsIgnoreCase(asked)).toList();
            if (alike.size() == 1) {
                return alike.get(0);
            }
            throw new DataFormatException(source + ": no label column '" + asked + "'; the columns are " + columns);
        }
        for (String usual : TabularOptions.USUAL_LABELS) {
            for (String column : columns) {
                if (column.equalsIgnoreCase(usual)) {
                    LOG.info("{}: the label is column '{}' (--label-column chooses another)", source, column);
                    return column;
                }
            }
        }
        String last = columns.get(columns.size() - 1);
        LOG.info("{}: no column is named {}; the label is the last column, '{}' (--label-column chooses another)",
                source, TabularOptions.USUAL_LABELS, last);
        return last;
    }

    private static RawTable withoutMissing(RawTable table) {
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            boolean complete = true;
            for (int c = 0; c < table.columns().size() && complete; c++) {
                complete = !Cells.isMissing(table.cell(r, c));
            }
            if (complete) {
                keep.add(r);
            }
        }
        if (keep.size() < table.size()) {
            LOG.info("{}: {} of {} rows have a missing cell and are left out", table.source(), table.size() - keep.size(),
                    table.size());
        }
        if (keep.isEmpty()) {
            throw new DataFormatException(table.source() + ": every row has a missing cell");
        }
        return table.rows(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Feature fitFeature(RawTable rows, int c, TabularOptions options) {
        String name = rows.columns().get(c);
        List<Double> numbers = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        boolean numeric = !options.categorical().contains(name);
        int missingCells = 0;
        for (int r = 0; r < rows.size(); r++) {
            String cell = rows.cell(r, c);
            if (Cells.isMissing(cell)) {
                if (options.missing() == MissingValues.ERROR) {
                    throw new DataFormatException(rows.source() + ": line " + rows.line(r) + ", column '" + name
                            + "' is missing ('" + cell + "'); --missing mean, median, most-frequent or drop-rows "
                            + "handles missing cells");
                }
                missingCells++;
                continue;
            }
            counts.merge(Cells.category(cell), 1, Integer::sum);
            double value = Cells.number(cell);
            if (Double.isNaN(value)) {
                numeric = false;
            } else {
                numbers.add(value);
            }
        }
        if (counts.isEmpty()) {
            throw new DataFormatException(rows.source() + ": column '" + name + "' has no value in any row");
        }
        // The most frequent value; among equals, the first in sorted order (as scikit-learn's SimpleImputer).
        String mostFrequent = null;
        for (String value : new TreeSet<>(counts.keySet())) {
            if (mostFrequent == null || counts.get(value) > counts.get(mostFrequent)) {
                mostFrequent = value;
            }
        }
        boolean filled = missingCells > 0 || options.missing() != MissingValues.ERROR;
        if (!numeric) {
            List<String> categories = new ArrayList<>(new TreeSet<>(counts.keySet()));
            double fill = filled ? categories.indexOf(mostFrequent) : Double.NaN;
            return new Feature(name, false, 0, 1, fill, categories);
        }
        double[] values = numbers.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = Arrays.stream(values).average().orElse(0);
        double fill = Double.NaN;
        if (filled) {
            fill = switch (options.missing()) {
                case MEDIAN -> median(values);
                case MOST_FREQUENT -> Cells.number(mostFrequent);
                default -> mean;
            };
        }
        return switch (options.scaling()) {
            case STANDARD -> new Feature(name, true, mean, deviation(values, mean), fill, List.of());
            case MINMAX -> {
                double min = Arrays.stream(values).min().orElse(0);
                double range = Arrays.stream(values).max().orElse(0) - min;
                yield new Feature(name, true, min, range > 0 ? range : 1, fill, List.of());
            }
            case NONE -> new Feature(name, true, 0, 1, fill, List.of());
        };
    }

    /** The population standard deviation (as StandardScaler), or 1 for a constant column: nothing divides by 0. */
    private static double deviation(double[] values, double mean) {
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        double deviation = Math.sqrt(squares / values.length);
        return deviation > 0 ? deviation : 1;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
        int[] index = new int[features.size()];
        for (int f = 0; f < features.size(); f++) {
            index[f] = table.indexOf(features.get(f).name());
            if (index[f] < 0) {
                throw new DataFormatException(table.source() + ": the model's column '" + features.get(f).name()
                        + "' is not in the file, whose columns are " + table.columns());
            }
        }
        int labelIndex = table.indexOf(label);
        for (String column : table.columns()) {
            if (!column.equals(label) && features.stream().noneMatch(f -> f.name().equals(column))) {
                throw new DataFormatException(table.source() + ": column '" + column + "' is not one the model was "
                        + "trained on (" + featureNames() + " and the label '" + label + "')");
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            if (missing != MissingValues.DROP_ROWS || complete(table, r, index, labelIndex)) {
                kept.add(r);
            }
        }
        if (kept.isEmpty()) {
            throw new DataFormatException(table.source() + ": no row is left once rows with missing cells are dropped");
        }
        boolean numericClasses = classesAreNumbers();
        Map<String, Integer> classIndex = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            classIndex.put(classes.get(k), k);
        }
        DMatrixRMaj inputs = new DMatrixRMaj(kept.size(), inputs());
        DMatrixRMaj targets = labelIndex < 0 ? null : new DMatrixRMaj(kept.size(), 1);
        long unknown = 0;
        for (int i = 0; i < kept.size(); i++) {
            int r = kept.get(i);
            int column = 0;
            for (int f = 0; f < features.size(); f++) {
                Feature feature = features.get(f);
                unknown += encodeCell(table, r, index[f], feature, inputs, i, column);
                column += feature.width();
            }
            if (targets != null) {
                targets.data[i] = target(table, r, labelIndex, classIndex, numericClasses);
            }
        }
        if (unknown > 0) {
            LOG.warn("{}: {} cells hold a category the model never saw in training; they encode as all zeros",
                    table.source(), unknown);
        }
        return new Encoded(inputs, targets, kept.stream().mapToInt(Integer::intValue).toArray(), unknown);
    }

    private static boolean complete(RawTable table, int r, int[] index, int labelIndex) {
        for (int c : index) {
            if (Cells.isMissing(table.cell(r, c))) {
                return false;
            }
        }
        return labelIndex < 0 || !Cells.isMissing(table.cell(r, labelIndex));
    }

    /** Writes one feature of row r into the inputs; returns 1 for an unknown category. */
    private int encodeCell(RawTable table, int r, int c, Feature feature, DMatrixRMaj inputs, int row, int column) {
        String cell = table.cell(r, c);
        int offset = row * inputs.numCols + column;
        if (Cells.isMissing(cell)) {
            if (Double.isNaN(feature.fill())) {
                throw new DataFormatException(table.source() + ": line " + table.line(r) + ", column '" + feature.name()
                        + "' is missing ('" + cell + "'), and the model was trained to refuse missing cells");
            }
            if (feature.numeric()) {
                inputs.data[offset] = (feature.fill() - feature.center()) / feature.scale();
            } else {
                inputs.data[offset + (int) feature.fill()] = 1;
            }
            return 0;
        }
        if (feature.numeric()) {
            double value = Cells.number(cell);
            if (Double.isNaN(value)) {
                throw new DataFormatException(table.source() + ": line " + table.line(r) + ", column '" + feature.name()
                        + "' holds '" + cell + "', which is not a number");
            }
            inputs.data[offset] = (value - feature.center()) / feature.scale();
            return 0;
        }
        int category = feature.categories().indexOf(Cells.category(cell));
        if (category < 0) {
            if (unknownIsError) {
                throw new DataFormatException(table.source() + ": line " + table.line(r) + ", column '" + feature.name()
                        + "' holds '" + cell + "', a category training never saw (known: " + feature.categories() + ")");
            }
            return 1;
        }
        inputs.data[offset + category] = 1;
        return 0;
    }

    private double target(RawTable table, int r, int labelIndex, Map<String, Integer> classIndex,
            boolean numericClasses) {
        String cell = table.cell(r, labelIndex);
        if (Cells.isMissing(cell)) {
            throw new DataFormatException(table.source() + ": line " + table.line(r) + " has no label in column '"
                    + label + "'");
        }
        if (task == Task.REGRESSION) {
            double value = Cells.number(cell);
            if (Double.isNaN(value)) {
                throw new DataFormatException(table.source() + ": line " + table.line(r) + ", label '" + cell
                        + "' is not a number");
            }
            return (value - targetMean) / targetScale;
        }
        double value = Cells.number(cell);
        String name = !Double.isNaN(value) && numericClasses ? className(value) : Cells.category(cell);
        Integer index = classIndex.get(name);
        if (index == null) {
            throw new DataFormatException(table.source() + ": line " + table.line(r) + ", label '" + cell
                    + "' is not one of the classes the model knows, " + classes);
        }
        return index;
    }

    private boolean classesAreNumbers() {
        return classes.stream().allMatch(name -> !Double.isNaN(Cells.number(name)));
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

    private String describeFeatures() {
        long categorical = features.stream().filter(f -> !f.numeric()).count();
        return String.format(Locale.ROOT, "%d features (%d numeric, %d categorical) encode as %d inputs",
                features.size(), features.size() - categorical, categorical, inputs());
    }

    /** @return the fitted preprocessing as JSON values, as model files keep it */
    public Map<String, Object> config() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", label);
        json.put("task", task.toString());
        json.put("taskReason", reason);
        json.put("missing", missing.toString());
        json.put("unknownIsError", unknownIsError);
        if (task == Task.CLASSIFICATION) {
            json.put("classes", classes);
        } else {
            json.put("targetMean", targetMean);
            json.put("targetScale", targetScale);
        }
        List<Object> columns = new ArrayList<>();
        features.forEach(feature -> columns.add(feature.config()));
        json.put("features", columns);
        return json;
    }

    /**
     * @param config what {@link #config()} wrote
     * @return the preprocessing it describes
     * @throws ConfigException if a value is missing or malformed
     */
    @SuppressWarnings("unchecked")
    public static Preprocessor fromConfig(Config config) {
        Task task;
        MissingValues missing;
        try {
            task = Task.parse(config.string("task"));
            missing = MissingValues.parse(config.string("missing"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.owner() + ": " + e.getMessage(), e);
        }
        if (task == Task.AUTO) {
            throw new ConfigException(config.owner() + ": a fitted task is classification or regression");
        }
        List<String> classes = task == Task.CLASSIFICATION ? strings(config, "classes") : List.of();
        if (task == Task.CLASSIFICATION && classes.size() < 2) {
            throw new ConfigException(config.owner() + ": a classification needs at least two classes");
        }
        double mean = task == Task.REGRESSION ? config.number("targetMean") : 0;
        double scale = task == Task.REGRESSION ? config.number("targetScale") : 1;
        if (!(scale > 0)) {
            throw new ConfigException(config.owner() + ": targetScale must be positive");
        }
        if (!(config.values().get("features") instanceof List<?> list) || list.isEmpty() || list.size() > 1_000_000) {
            throw new ConfigException(config.owner() + ": 'features' should be a non-empty list");
        }
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new ConfigException(config.owner() + ": feature " + i + " should be a JSON object");
            }
            Config feature = new Config(config.owner() + ".features[" + i + "]", (Map<String, Object>) map);
            boolean numeric = switch (feature.string("type")) {
                case "numeric" -> true;
                case "categorical" -> false;
                default -> throw new ConfigException(feature.owner() + ": type is numeric or categorical");
            };
            double fill = feature.has("fill") ? feature.number("fill") : Double.NaN;
            List<String> categories = numeric ? List.of() : strings(feature, "categories");
            if (!numeric && (categories.isEmpty() || !Double.isNaN(fill) && (fill < 0 || fill >= categories.size()
                    || fill != Math.rint(fill)))) {
                throw new ConfigException(feature.owner() + ": needs categories, and a fill among them");
            }
            double featureScale = numeric ? feature.number("scale") : 1;
            if (!(featureScale > 0)) {
                throw new ConfigException(feature.owner() + ": scale must be positive");
            }
            features.add(new Feature(feature.string("name"), numeric, numeric ? feature.number("center") : 0,
                    featureScale, fill, categories));
        }
        return new Preprocessor(config.string("label"), features, task, classes, mean, scale, missing,
                config.bool("unknownIsError", false), config.has("taskReason") ? config.string("taskReason") : "saved");
    }

    private static List<String> strings(Config config, String key) {
        if (!(config.values().get(key) instanceof List<?> list)) {
            throw new ConfigException(config.owner() + ": '" + key + "' should be a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String string)) {
                throw new ConfigException(config.owner() + ": '" + key + "' should be a list of strings");
            }
            strings.add(string);
        }
        return strings;
    }

    /**
     * A summary for people: each column with its type and fitted values.
     *
     * @return one line per column, in the file's order
     */
    public Map<String, String> describe() {
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        for (Feature feature : features) {
            lines.put(feature.name(), feature.numeric()
                    ? String.format(Locale.ROOT, "numeric, centre %.4g, scale %.4g", feature.center(), feature.scale())
                    : "categorical, " + feature.categories().size() + " categories " + feature.categories());
        }
        return lines;
    }
}
