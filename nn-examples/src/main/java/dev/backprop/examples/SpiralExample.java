package dev.backprop.examples;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main example: the book's chapter-10 model, Dense(2, 64)-ReLU-Dense(64, 3)-Softmax with
 * categorical cross-entropy and Adam(0.05, decay 5e-7), trained full-batch on spiral(100, 3) for
 * 10 001 epochs from the book's seed, then validated on a fresh spiral.
 */
public final class SpiralExample {

    private static final Logger LOG = LoggerFactory.getLogger(SpiralExample.class);

    private SpiralExample() {}

    /**
     * Trains and logs the model's progress.
     *
     * @param args an optional number of epochs (default 10 001)
     */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? parseEpochs(args[0]) : 10_001;
        Result result = train(epochs);
        LOG.info("validation: accuracy {}, loss {}", result.validation().metric("accuracy"), result.validation().loss());
    }

    private static int parseEpochs(String text) {
        try {
            int epochs = Integer.parseInt(text.trim());
            if (epochs > 0) {
                return epochs;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("epochs must be a positive whole number, got '" + text + "'");
    }

    /**
     * The outcome of a run.
     *
     * @param history every epoch's figures
     * @param validation the figures on a fresh spiral(100, 3)
     */
    public record Result(History history, Evaluation validation) {}

    /**
     * Trains the book's model.
     *
     * @param epochs the number of full-batch steps
     * @return the training history and the validation figures
     */
    public static Result train(int epochs) {
        NumpyRandom random = new NumpyRandom(0);
        InMemoryDataset train = BookDatasets.spiral(100, 3, random);
        Model model = Model.builder(new Sequential(
                        new Dense(2, 64, Initializer.scaledNormal(0.01, random)),
                        new ReLU(),
                        new Dense(64, 3, Initializer.scaledNormal(0.01, random)),
                        new Softmax()))
                .loss(new CategoricalCrossEntropy())
                .optimizer(Adam.builder().learningRate(0.05).decay(5e-7).build())
                .metric(new CategoricalAccuracy())
                .build();
        History history = model.fit(train,
                FitOptions.builder().epochs(epochs).fullBatch().shuffle(false).logEveryEpochs(1000).build());
        InMemoryDataset test = BookDatasets.spiral(100, 3, random);
        return new Result(history, model.evaluate(test));
    }
}
