package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.train.Evaluation;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import dev.backprop.data.BookDatasets;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Initializer;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.Softmax;
import dev.backprop.optim.Adam;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** docs/training.md's first example, as written there, so that it keeps compiling and working. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleTrains() {
        // snippet training: the book's spiral model
        NumpyRandom random = new NumpyRandom(0);                        // NumPy's np.random.seed(0)
        InMemoryDataset train = BookDatasets.spiral(100, 3, random);    // the book's spiral_data(100, 3)

        Model model = Model.builder(new Sequential(
                        new Dense(2, 64, Initializer.scaledNormal(0.01, random)),
                        new ReLU(),
                        new Dense(64, 3, Initializer.scaledNormal(0.01, random)),
                        new Softmax()))
                .loss(new CategoricalCrossEntropy())                    // fused with Softmax by itself
                .optimizer(Adam.builder().learningRate(0.05).decay(5e-7).build())
                .metric(new CategoricalAccuracy())
                .build();

        History history = model.fit(train, FitOptions.builder()
                .epochs(10_001).fullBatch().shuffle(false).logEveryEpochs(1000).build());
        Evaluation test = model.evaluate(BookDatasets.spiral(100, 3, random));
        DMatrixRMaj probabilities = model.predict(train.inputs());             // one row per sample
        // end snippet
        assertEquals(10_001, history.size());
        assertTrue(history.last().metrics().get("accuracy") > 0.95);
        assertTrue(test.metric("accuracy") > 0.75);
        assertEquals(300, probabilities.numRows);
    }
}
