package dev.backprop.examples;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Initializer;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main example: the book's chapter-10 model, Dense(2, 64)-ReLU-Dense(64, 3) with softmax
 * cross-entropy and Adam(0.05, decay 5e-7), trained full-batch on spiral(100, 3) for 10 001 epochs
 * from the book's seed, then validated on a fresh spiral.
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
        LOG.info("validation: acc {}, loss {}", format(result.validationAccuracy()), format(result.validationLoss()));
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
     * @param accuracy the training accuracy of the last epoch
     * @param loss the training loss of the last epoch
     * @param validationAccuracy the accuracy on a fresh spiral(100, 3)
     * @param validationLoss the loss on it
     */
    public record Result(double accuracy, double loss, double validationAccuracy, double validationLoss) {}

    /**
     * Trains the book's model.
     *
     * @param epochs the number of full-batch steps
     * @return the final training and validation figures
     */
    public static Result train(int epochs) {
        NumpyRandom random = new NumpyRandom(0);
        Spiral train = Spiral.generate(100, 3, random);
        Dense hidden = new Dense(2, 64, Initializer.scaledNormal(0.01, random));
        Dense output = new Dense(64, 3, Initializer.scaledNormal(0.01, random));
        Sequential model = new Sequential(hidden, new ReLU(), output);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Adam adam = Adam.builder().learningRate(0.05).decay(5e-7).build();

        double lastLoss = 0;
        double lastAccuracy = 0;
        // Like the book, show the rate of the step before this epoch's (lr0 at epoch 0).
        double shownRate = adam.learningRate();
        for (int epoch = 0; epoch < epochs; epoch++) {
            lastLoss = loss.forward(model.forward(train.inputs()), train.labels());
            lastAccuracy = accuracy(loss.probabilities(), train.labels());
            if (epoch % 1000 == 0 || epoch == epochs - 1) {
                LOG.info("epoch {}, acc {}, loss {}, lr {}", epoch, format(lastAccuracy), format(lastLoss), shownRate);
            }
            model.backward(loss.backward());
            shownRate = adam.currentLearningRate();
            adam.step(model.parameters());
        }

        Spiral test = Spiral.generate(100, 3, random);
        double validationLoss = loss.forward(model.forward(test.inputs()), test.labels());
        return new Result(lastAccuracy, lastLoss, accuracy(loss.probabilities(), test.labels()), validationLoss);
    }

    /** @return the fraction of rows whose largest probability is at the labelled class */
    static double accuracy(DMatrixRMaj probabilities, DMatrixRMaj labels) {
        int correct = 0;
        for (int row = 0; row < probabilities.numRows; row++) {
            int best = 0;
            for (int j = 1; j < probabilities.numCols; j++) {
                if (probabilities.get(row, j) > probabilities.get(row, best)) {
                    best = j;
                }
            }
            correct += best == (int) labels.get(row, 0) ? 1 : 0;
        }
        return (double) correct / probabilities.numRows;
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
