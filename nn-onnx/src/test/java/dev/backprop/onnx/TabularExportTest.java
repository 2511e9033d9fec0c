package dev.backprop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.linalg.Precision;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.data.tabular.Feature;
import dev.backprop.data.tabular.MissingValues;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.Scaling;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.data.tabular.Task;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.MeanSquaredError;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.Softmax;
import dev.backprop.optim.Adam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A table's model with its preprocessing in the graph: raw columns in, class names or target units out. */
class TabularExportTest {

    @TempDir
    Path folder;

    /**
     * Rows of a small shop: two numbers of very different scales, two text categories, missing cells
     * (empty, NA, n/a) in both kinds, a text label and a price.
     */
    static RawTable table(int rows, long seed, boolean unknownCategories) {
        NumpyRandom random = new NumpyRandom(seed);
        String[] colours = {"red", "green", "blue"};
        String[] sizes = {"S", "M", "L", "XL"};
        List<String[]> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double weight = random.uniform(0.1, 5);
            double volume = random.uniform(300, 12_000);
            String colour = colours[(int) (random.uniform(0, 1) * 3)];
            String size = sizes[(int) (random.uniform(0, 1) * 4)];
            double signal = (weight - 2.5) / 1.4 + (volume - 6000) / 3400 + (colour.equals("red") ? 1 : 0)
                    - (size.equals("S") ? 1 : 0);
            String kind = signal > 0.8 ? "premium" : signal > -0.2 ? "standard" : "budget";
            double price = 40 + 15 * signal + 3 * random.nextGaussian();
            String weightCell = r % 17 == 3 ? "" : String.format(Locale.ROOT, "%.4f", weight);
            String colourCell = r % 13 == 5 ? "NA" : r % 29 == 7 ? "n/a" : colour;
            if (unknownCategories && r % 31 == 11) {
                colourCell = "purple";
            }
            cells.add(new String[] {weightCell, String.format(Locale.ROOT, "%.1f", volume), colourCell, size, kind,
                    String.format(Locale.ROOT, "%.2f", price)});
        }
        return new RawTable("shop.csv", List.of("weight", "volume", "colour", "size", "kind", "price"), cells);
    }

    static TabularModel trained(Task task) {
        RawTable train = table(600, 1, false);
        TabularOptions options = TabularOptions.defaults().withLabel(task == Task.REGRESSION ? "price" : "kind")
                // The regression: missing cells by default (a median with a missing indicator, a missing
                // category), robust scaling with its smooth clip; the classifier: the mean and the most
                // frequent category, standard scaling.
                .withMissing(task == Task.REGRESSION ? MissingValues.INDICATE : MissingValues.MEAN).withTask(task)
                .withScaling(task == Task.REGRESSION ? Scaling.ROBUST : Scaling.STANDARD);
        if (task == Task.REGRESSION) {
            train = drop(train, "kind");
        } else {
            train = drop(train, "price");
        }
        Preprocessor preprocessor = Preprocessor.fit(train, options);
        int outputs = preprocessor.outputs();
        Model model = task == Task.REGRESSION
                ? Model.builder(new Sequential(new Dense(preprocessor.inputs(), 16), new ReLU(), new Dense(16, 1)))
                        .loss(new MeanSquaredError()).optimizer(new Adam(0.01)).build()
                : Model.builder(new Sequential(new Dense(preprocessor.inputs(), 16), new ReLU(), new Dense(16, outputs),
                        new Softmax())).loss(new CategoricalCrossEntropy()).optimizer(new Adam(0.01)).build();
        model.fit(preprocessor.encode(train).dataset(), FitOptions.builder().epochs(20).batchSize(32).seed(2).build());
        return new TabularModel(preprocessor, model);
    }

    static RawTable drop(RawTable table, String column) {
        int drop = table.indexOf(column);
        List<String> columns = new ArrayList<>(table.columns());
        columns.remove(drop);
        List<String[]> rows = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < table.columns().size(); c++) {
                if (c != drop) {
                    row.add(table.cell(r, c));
                }
            }
            rows.add(row.toArray(String[]::new));
        }
        return new RawTable(table.source(), columns, rows);
    }

    /** The runtime's inputs: each feature column as numbers (NaN where missing) or stripped strings. */
    static Map<String, Object> columns(Preprocessor preprocessor, RawTable table, Precision precision) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (Feature feature : preprocessor.features()) {
            int c = table.indexOf(feature.name());
            if (feature.numeric()) {
                DMatrixRMaj column = new DMatrixRMaj(table.size(), 1);
                for (int r = 0; r < table.size(); r++) {
                    String cell = table.cell(r, c).strip();
                    column.data[r] = MissingValues.MARKS.contains(cell.toLowerCase(Locale.ROOT)) ? Double.NaN
                            : Double.parseDouble(cell);
                }
                inputs.put(feature.name(), precision == Precision.FLOAT32 ? Agreement.asFloats(column) : column);
            } else {
                String[] column = new String[table.size()];
                for (int r = 0; r < table.size(); r++) {
                    column[r] = table.cell(r, c).strip();
                }
                inputs.put(feature.name(), column);
            }
        }
        return inputs;
    }

    /** The table as the float32 graph sees it: its numbers rounded to float, for Java's side too. */
    static RawTable roundedNumbers(Preprocessor preprocessor, RawTable table) {
        List<String[]> rows = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            String[] row = new String[table.columns().size()];
            for (int c = 0; c < row.length; c++) {
                String cell = table.cell(r, c);
                String name = table.columns().get(c);
                boolean numeric = preprocessor.features().stream().anyMatch(f -> f.numeric() && f.name().equals(name));
                row[c] = numeric && !MissingValues.MARKS.contains(cell.strip().toLowerCase(Locale.ROOT))
                        ? Double.toString((float) Double.parseDouble(cell)) : cell;
            }
            rows.add(row);
        }
        return new RawTable(table.source(), table.columns(), rows);
    }

    /** 1 200 new rows, unknown categories among them, as the graph of that precision sees them. */
    private static RawTable testRows(TabularModel model, String otherTarget, long seed, Precision precision) {
        RawTable test = drop(table(1200, seed, true), otherTarget);
        return precision == Precision.FLOAT32 ? roundedNumbers(model.preprocessor(), test) : test;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aClassifierTakesRawColumnsAndGivesClassNames(Precision precision) throws Exception {
        TabularModel model = trained(Task.CLASSIFICATION);
        RawTable test = testRows(model, "price", 5, precision);
        TabularModel.Predictions expected = model.predict(test);
        assertTrue(expected.unknownCategories() > 0, "the test rows hold unknown colours");
        Path file = folder.resolve("classifier.onnx");
        OnnxExport.write(model, file, OnnxOptions.defaults().withPrecision(precision));
        try (OrtRunner runtime = new OrtRunner(file)) {
            assertEquals(List.of("weight", "volume", "colour", "size"), List.copyOf(runtime.session().getInputNames()));
            Map<String, Object> outputs = runtime.run(columns(model.preprocessor(), test, precision));
            Agreement.assertAgree(expected.probabilities(), (DMatrixRMaj) outputs.get("probabilities"), precision);
            String[] labels = (String[]) outputs.get("label");
            String[] javaLabels = new String[test.size()];
            for (int r = 0; r < test.size(); r++) {
                javaLabels[r] = expected.predictedClass(r);
            }
            assertArrayEquals(javaLabels, labels);
            assertEquals(List.of("budget", "premium", "standard"), List.of(labels).stream().distinct().sorted().toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aRegressionGivesValuesInTheTargetsUnits(Precision precision) throws Exception {
        TabularModel model = trained(Task.REGRESSION);
        assertTrue(model.preprocessor().features().get(0).missingIndicator(), "weight had missing cells in training");
        assertTrue(model.preprocessor().features().get(1).smoothClip(), "robust scaling");
        assertTrue(model.preprocessor().features().get(2).categories().contains(MissingValues.MISSING_CATEGORY));
        RawTable test = testRows(model, "kind", 6, precision);
        DMatrixRMaj expected = model.predict(test).values();
        Path file = folder.resolve("regression.onnx");
        OnnxExport.write(model, file, OnnxOptions.defaults().withPrecision(precision));
        try (OrtRunner runtime = new OrtRunner(file)) {
            Map<String, Object> outputs = runtime.run(columns(model.preprocessor(), test, precision));
            assertEquals(List.of("value"), List.copyOf(outputs.keySet()));
            DMatrixRMaj values = (DMatrixRMaj) outputs.get("value");
            Agreement.assertAgree(expected, values, precision, Math.abs(model.preprocessor().targetMean()));
            double mean = 0;
            for (double value : values.data) {
                mean += value / values.data.length;
            }
            assertEquals(40, mean, 5, "prices in dollars, not standardised");
        }
    }

    @Test
    void aMissingCategoryInAnyCaseIsTheFillCategory() {
        assertTrue(TabularInputs.markSpellings().containsAll(List.of("", "NA", "na", "Na", "N/A", "n/a", "NaN", "NAN",
                "nan", "NULL", "Null", "null", "?")));
        assertEquals(1 + 4 + 4 + 8 + 16 + 1, TabularInputs.markSpellings().size());
    }
}
