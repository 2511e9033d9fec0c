package com.example.custom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Sequential;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.data.tabular.CsvOptions;
import dev.backprop.data.tabular.MissingValues;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.Softmax;
import dev.backprop.optim.Adam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's program: a raw CSV file in, a saved model that predicts raw rows out, in a few calls. */
class TableFromJavaTest {

    private static String csv(int rows, int offset) {
        StringBuilder csv = new StringBuilder("size;colour;price\n");
        String[] colours = {"red", "blue", "green"};
        for (int i = 0; i < rows; i++) {
            int k = i + offset;
            double size = (k * 37 % 101) / 10.0;
            String colour = k % 13 == 0 ? "NA" : colours[k % 3];
            String price = size + (colour.equals("red") ? 3 : 0) > 6 ? "high" : "low";
            csv.append(size).append(';').append(colour).append(';').append(price).append('\n');
        }
        return csv.toString();
    }

    @Test
    void fromARawFileToPredictionsOfRawRows() throws Exception {
        Path folder = Files.createTempDirectory("table");
        Path trainFile = Files.writeString(folder.resolve("train.csv"), csv(400, 0));
        Path newFile = Files.writeString(folder.resolve("new.csv"), csv(50, 1000));

        RawTable train = RawTable.read(trainFile, CsvOptions.defaults());
        Preprocessor preprocessor = Preprocessor.fit(train,
                TabularOptions.defaults().withLabel("price").withMissing(MissingValues.MOST_FREQUENT));
        Model model = Model.builder(new Sequential(new Dense(preprocessor.inputs(), 16), new ReLU(),
                        new Dense(16, preprocessor.outputs()), new Softmax()))
                .loss(new CategoricalCrossEntropy()).optimizer(new Adam(0.01)).metric(new CategoricalAccuracy()).build();
        model.fit(preprocessor.encode(train).dataset(), FitOptions.builder().epochs(80).logEveryEpochs(0).build());
        TabularModel tabular = new TabularModel(preprocessor, model);
        tabular.save(folder.resolve("price.bpz"), Map.of());

        TabularModel loaded = TabularModel.load(folder.resolve("price.bpz"));
        RawTable fresh = RawTable.read(newFile, CsvOptions.defaults());
        TabularModel.Predictions predictions = loaded.predict(fresh);
        assertEquals(50, predictions.rows().length);
        assertArrayEquals(tabular.predict(fresh).probabilities().data, predictions.probabilities().data, 0.0);
        int right = 0;
        for (int r = 0; r < fresh.size(); r++) {
            right += predictions.predictedClass(r).equals(fresh.cell(r, fresh.indexOf("price"))) ? 1 : 0;
        }
        assertTrue(right >= 45, right + " of 50 right");
    }
}
