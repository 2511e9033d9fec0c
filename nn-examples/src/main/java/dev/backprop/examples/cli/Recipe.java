package dev.backprop.examples.cli;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Sequential;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.metrics.RegressionAccuracy;
import dev.backprop.core.train.Model;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Dropout;
import dev.backprop.layers.Initializer;
import dev.backprop.layers.LeakyReLU;
import dev.backprop.layers.Linear;
import dev.backprop.layers.MeanSquaredError;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.Sigmoid;
import dev.backprop.layers.Softmax;
import dev.backprop.layers.Tanh;
import dev.backprop.optim.AdaGrad;
import dev.backprop.optim.Adam;
import dev.backprop.optim.AdamW;
import dev.backprop.optim.RMSProp;
import dev.backprop.optim.SGD;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to build and train a model: the architecture and the training settings. Each data set has
 * the book's recipe as its default; {@code --preset deep} is ours for Fashion-MNIST; options
 * override single settings.
 */
final class Recipe implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    List<Integer> hidden;
    String activation = "relu";
    String init = "book";
    double initScale = 0.01;
    String optimizer = "adam";
    double learningRate;
    double decay;
    double momentum;
    double weightDecay = 0.01;
    int epochs;
    /** 0 means the whole data set in every step. */
    int batchSize;
    /** none, once (before training, as the book's Fashion-MNIST chapters) or epoch. */
    String shuffle = "none";
    double dropout;
    double l2;

    /** The book's recipe for a data set kind (spiral, vertical, sine, fashion-mnist, csv). */
    static Recipe book(String kind) {
        Recipe recipe = new Recipe();
        switch (kind) {
            case "sine" -> {
                recipe.hidden = List.of(64, 64);
                recipe.initScale = 0.1;
                recipe.learningRate = 0.005;
                recipe.decay = 1e-3;
                recipe.epochs = 10_001;
            }
            case "fashion-mnist" -> {
                recipe.hidden = List.of(128, 128);
                recipe.learningRate = 0.001;
                recipe.decay = 1e-3;
                recipe.epochs = 10;
                recipe.batchSize = 128;
                recipe.shuffle = "once";
            }
            case "csv" -> {
                recipe.hidden = List.of(64);
                recipe.init = "glorot";
                recipe.learningRate = 0.001;
                recipe.epochs = 100;
                recipe.batchSize = 32;
                recipe.shuffle = "epoch";
            }
            default -> {
                recipe.hidden = List.of(64);
                recipe.learningRate = 0.05;
                recipe.decay = 5e-7;
                recipe.epochs = 10_001;
            }
        }
        return recipe;
    }

    /**
     * Ours for Fashion-MNIST: wider layers, He initialisation for ReLU, dropout against
     * overfitting, AdamW with a gently decaying rate, shuffled every epoch.
     */
    static Recipe deep() {
        Recipe recipe = new Recipe();
        recipe.hidden = List.of(512, 256);
        recipe.init = "he";
        recipe.optimizer = "adamw";
        recipe.learningRate = 0.001;
        recipe.decay = 2e-4;
        recipe.weightDecay = 0.01;
        recipe.epochs = 20;
        recipe.batchSize = 128;
        recipe.shuffle = "epoch";
        recipe.dropout = 0.2;
        return recipe;
    }

    Model build(Problem problem, NumpyRandom random, long seed) {
        return Model.builder(network(problem.inputs(), problem.outputs(), problem.regression(), random, seed))
                .loss(loss(problem.regression()))
                .optimizer(optimizer())
                .metric(metric(problem))
                .build();
    }

    /** The figure reported for a problem: accuracy of classes, or the book's regression accuracy. */
    static Metric metric(Problem problem) {
        return problem.regression() ? RegressionAccuracy.forTargets(problem.train().targets()) : new CategoricalAccuracy();
    }

    /** The network of this recipe, its initial weights drawn from {@code random}. */
    Layer network(int inputs, int outputs, boolean regression, NumpyRandom random, long seed) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < hidden.size(); i++) {
            int width = hidden.get(i);
            layers.add(Dense.builder(inputs, width).initializer(initializer(random)).weightL2(l2).biasL2(l2).build());
            layers.add(activation());
            if (dropout > 0) {
                layers.add(new Dropout(dropout, (seed + i) & 0xffffffffL));
            }
            inputs = width;
        }
        layers.add(new Dense(inputs, outputs, initializer(random)));
        layers.add(regression ? new Linear() : new Softmax());
        return new Sequential(layers.toArray(new Layer[0]));
    }

    static Loss loss(boolean regression) {
        return regression ? new MeanSquaredError() : new CategoricalCrossEntropy();
    }

    private Initializer initializer(NumpyRandom random) {
        return switch (init) {
            case "book" -> Initializer.scaledNormal(initScale, random);
            case "glorot" -> Initializer.glorotUniform(random);
            case "he" -> Initializer.heNormal(random);
            default -> throw new UsageException("Unknown --init '" + init + "': use book, glorot or he");
        };
    }

    private Layer activation() {
        return switch (activation) {
            case "relu" -> new ReLU();
            case "leaky-relu" -> new LeakyReLU();
            case "tanh" -> new Tanh();
            case "sigmoid" -> new Sigmoid();
            default -> throw new UsageException("Unknown --activation '" + activation
                    + "': use relu, leaky-relu, tanh or sigmoid");
        };
    }

    Optimizer optimizer() {
        try {
            return switch (optimizer) {
                case "sgd" -> SGD.builder().learningRate(learningRate).decay(decay).momentum(momentum).build();
                case "adagrad" -> AdaGrad.builder().learningRate(learningRate).decay(decay).build();
                case "rmsprop" -> RMSProp.builder().learningRate(learningRate).decay(decay).build();
                case "adam" -> Adam.builder().learningRate(learningRate).decay(decay).build();
                case "adamw" -> AdamW.builder().learningRate(learningRate).decay(decay).weightDecay(weightDecay).build();
                default -> throw new UsageException("Unknown --optimizer '" + optimizer
                        + "': use sgd, adagrad, rmsprop, adam or adamw");
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hidden", List.copyOf(hidden));
        json.put("activation", activation);
        json.put("init", init);
        json.put("initScale", initScale);
        json.put("optimizer", optimizer);
        json.put("learningRate", learningRate);
        json.put("decay", decay);
        json.put("momentum", momentum);
        json.put("weightDecay", weightDecay);
        json.put("epochs", epochs);
        json.put("batchSize", batchSize);
        json.put("shuffle", shuffle);
        json.put("dropout", dropout);
        json.put("l2", l2);
        return json;
    }
}
