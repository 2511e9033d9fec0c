package dev.backprop.bench;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.TrainingStep;
import dev.backprop.data.BookDatasets;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Initializer;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import dev.backprop.optim.SGD;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** The fixed workloads of the benchmarks (see README.md), each a model, its data and one training step. */
final class Workloads {

    private Workloads() {}

    /** A model with its loss, optimizer and one batch: {@link #step()} is forward, backward and update. */
    static final class Training {
        final Sequential model;
        final Loss loss;
        final Optimizer optimizer;
        final DMatrixRMaj inputs;
        final DMatrixRMaj targets;
        final List<Parameter> parameters;

        Training(Sequential model, Loss loss, Optimizer optimizer, DMatrixRMaj inputs, DMatrixRMaj targets) {
            this.model = model;
            this.loss = loss;
            this.optimizer = optimizer;
            this.inputs = inputs;
            this.targets = targets;
            this.parameters = model.parameters();
            // As Model.fit does: training mode, and the first layer's input is data, its gradient unused.
            new TrainingStep(model, loss).training(true);
        }

        double step() {
            double value = loss.forward(model.forward(inputs), targets);
            model.backward(loss.backward());
            optimizer.step(parameters);
            return value;
        }
    }

    /** W1: spiral(100, 3), Dense(2, 64)-ReLU-Dense(64, 3) + softmax cross-entropy, Adam(0.05, 5e-7), full batch. */
    static Training spiral() {
        NumpyRandom random = new NumpyRandom(0);
        InMemoryDataset spiral = BookDatasets.spiral(100, 3, random);
        DMatrixRMaj x = spiral.inputs();
        DMatrixRMaj y = spiral.targets();
        Sequential model = new Sequential(new Dense(2, 64, Initializer.scaledNormal(0.01, random)), new ReLU(),
                new Dense(64, 3, Initializer.scaledNormal(0.01, random)));
        return new Training(model, new SoftmaxCrossEntropy(), Adam.builder().learningRate(0.05).decay(5e-7).build(), x, y);
    }

    /** W2: the book's Fashion-MNIST model, 784-128-ReLU-128-ReLU-10, Adam(0.001, 1e-3), one batch of 128 (synthetic pixels). */
    static Training fashion() {
        NumpyRandom random = new NumpyRandom(0);
        DMatrixRMaj x = new DMatrixRMaj(128, 784);
        DMatrixRMaj y = new DMatrixRMaj(128, 1);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = random.uniform(-1, 1);
        }
        for (int i = 0; i < 128; i++) {
            y.data[i] = i % 10;
        }
        Sequential model = new Sequential(new Dense(784, 128, Initializer.scaledNormal(0.01, random)), new ReLU(),
                new Dense(128, 128, Initializer.scaledNormal(0.01, random)), new ReLU(),
                new Dense(128, 10, Initializer.scaledNormal(0.01, random)));
        return new Training(model, new SoftmaxCrossEntropy(), Adam.builder().learningRate(0.001).decay(1e-3).build(), x, y);
    }

    /** W4: Dense(2, 8)-ReLU-Dense(8, 3), one sample, SGD. */
    static Training tiny() {
        NumpyRandom random = new NumpyRandom(0);
        Sequential model = new Sequential(new Dense(2, 8, Initializer.scaledNormal(0.1, random)), new ReLU(),
                new Dense(8, 3, Initializer.scaledNormal(0.1, random)));
        return new Training(model, new SoftmaxCrossEntropy(), new SGD(0.1),
                new DMatrixRMaj(new double[][] {{0.3, -0.7}}), new DMatrixRMaj(new double[][] {{2}}));
    }

    /** The layers of a model, for predictions without a loss. */
    static Layer network(Training training) {
        return training.model;
    }
}
