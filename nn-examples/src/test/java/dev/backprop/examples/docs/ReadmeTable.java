package dev.backprop.examples.docs;

import dev.backprop.core.Sequential;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.train.Evaluation;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.data.tabular.CsvOptions;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.Softmax;
import dev.backprop.optim.Adam;
import java.nio.file.Path;
import java.util.Map;

/** The README's Java example, as written there: a table from a CSV file to a saved model. */
final class ReadmeTable {

    private ReadmeTable() {}

    /** @return the held-out rows' accuracy */
    static double main(String[] args) {
        // snippet README: a table in Java
        RawTable rows = RawTable.read(Path.of(args[0]), CsvOptions.defaults());     // a CSV file with a header
        RawTable[] parts = rows.split(0.2, 42);                                      // 80 % to train, 20 % held out
        Preprocessor preprocessor = Preprocessor.fit(parts[0], TabularOptions.defaults());   // fitted on training rows
        Model model = Model.builder(new Sequential(
                        new Dense(preprocessor.inputs(), 64), new ReLU(),
                        new Dense(64, preprocessor.outputs()), new Softmax()))
                .loss(new CategoricalCrossEntropy())
                .optimizer(new Adam(0.01))
                .metric(new CategoricalAccuracy())
                .build();
        model.fit(preprocessor.encode(parts[0]).dataset(), FitOptions.builder().epochs(100).batchSize(16).build());
        Evaluation held = model.evaluate(preprocessor.encode(parts[1]).dataset());
        double accuracy = held.metric("accuracy");                                   // each metric by its name
        new TabularModel(preprocessor, model).save(Path.of(args[1]), Map.of());      // raw rows in, class names out
        // end snippet
        return accuracy;
    }
}
