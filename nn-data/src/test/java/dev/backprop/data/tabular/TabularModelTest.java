package dev.backprop.data.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.io.ModelFileException;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.metrics.RSquared;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Initializer;
import dev.backprop.layers.Linear;
import dev.backprop.layers.MeanSquaredError;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.Softmax;
import dev.backprop.optim.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From raw CSV files to a saved model that evaluates and predicts raw files. */
class TabularModelTest {

    @TempDir
    Path folder;

    private static Model network(Preprocessor p, boolean regression) {
        NumpyRandom random = new NumpyRandom(1);
        Sequential layers = new Sequential(new Dense(p.inputs(), 32, Initializer.heNormal(random)), new ReLU(),
                new Dense(32, p.outputs(), Initializer.glorotUniform(random)), regression ? new Linear() : new Softmax());
        return Model.builder(layers).loss(regression ? new MeanSquaredError() : new CategoricalCrossEntropy())
                .optimizer(new Adam(0.01)).metric(regression ? new RSquared() : new CategoricalAccuracy()).build();
    }

    @Test
    void aClassifierOfMixedColumnsWithTextLabelsRoundTripsBitForBit() throws IOException {
        Path trainFile = MixedTable.write(folder, "train.csv", MixedTable.csv(600, 1, 17));
        Path testFile = MixedTable.write(folder, "test.csv", MixedTable.csv(300, 2, 23));
        TabularOptions options = TabularOptions.defaults().withLabel("label").withMissing(MissingValues.MEAN);
        RawTable train = RawTable.read(trainFile, CsvOptions.defaults());
        Preprocessor preprocessor = Preprocessor.fit(MixedTable.without(train, "score"), options);
        Model model = network(preprocessor, false);
        model.fit(preprocessor.encode(MixedTable.without(train, "score")).dataset(),
                FitOptions.builder().epochs(60).batchSize(32).logEveryEpochs(0).build());
        TabularModel tabular = new TabularModel(preprocessor, model);
        RawTable test = MixedTable.without(RawTable.read(testFile, CsvOptions.defaults()), "score");
        double accuracy = tabular.evaluate(test).metric("accuracy");
        assertTrue(accuracy > 0.9, "accuracy on the test file " + accuracy);

        Path saved = folder.resolve("model.bpz");
        tabular.save(saved, Map.of("dataset", "mixed"));
        TabularModel loaded = TabularModel.load(saved);
        TabularModel.Predictions before = tabular.predict(test);
        TabularModel.Predictions after = loaded.predict(test);
        assertArrayEquals(before.probabilities().data, after.probabilities().data, 0.0);
        assertEquals(before.classes(), after.classes());
        assertEquals(test.size(), after.rows().length, "every row of the test file");
        assertTrue(java.util.List.of("setosa", "versicolor", "virginica").contains(after.predictedClass(0)));
        assertEquals(accuracy, loaded.evaluate(test).metric("accuracy"), 0.0);
    }

    @Test
    void aRegressionPredictsInTheTargetsUnits() throws IOException {
        RawTable train = MixedTable.without(RawTable.read(MixedTable.write(folder, "r.csv", MixedTable.csv(600, 3, 0)),
                CsvOptions.defaults()), "label");
        RawTable test = MixedTable.without(RawTable.read(MixedTable.write(folder, "rt.csv", MixedTable.csv(300, 4, 0)),
                CsvOptions.defaults()), "label");
        Preprocessor preprocessor = Preprocessor.fit(train, TabularOptions.defaults().withLabel("score"));
        assertEquals(Task.REGRESSION, preprocessor.task());
        Model model = network(preprocessor, true);
        model.fit(preprocessor.encode(train).dataset(), FitOptions.builder().epochs(60).batchSize(32).logEveryEpochs(0)
                .build());
        TabularModel tabular = new TabularModel(preprocessor, model);
        assertTrue(tabular.evaluate(test).metric("r2") > 0.8, "R² " + tabular.evaluate(test).metric("r2"));
        TabularModel.Predictions predictions = tabular.predict(test);
        double error = 0;
        for (int r = 0; r < test.size(); r++) {
            error += Math.abs(predictions.values().data[r] - Double.parseDouble(test.cell(r, test.indexOf("score"))));
        }
        assertTrue(error / test.size() < 8, "mean absolute error in the target's units " + error / test.size());
        Path saved = folder.resolve("r.bpz");
        tabular.save(saved, Map.of());
        assertArrayEquals(predictions.values().data, TabularModel.load(saved).predict(test).values().data, 0.0);
    }

    @Test
    void aModelFileWithoutPreprocessingIsNotATabularModel() {
        Path saved = folder.resolve("plain.bpz");
        ModelFile.save(Model.builder(new Sequential(new Dense(2, 2))).loss(new MeanSquaredError()).build(), saved);
        assertTrue(assertThrows(ModelFileException.class, () -> TabularModel.load(saved)).getMessage()
                .contains("without the preprocessing"));
    }
}
