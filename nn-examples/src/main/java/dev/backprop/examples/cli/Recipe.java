package dev.backprop.examples.cli;

import dev.backprop.core.Layer;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Sequential;
import dev.backprop.core.component.Components;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.train.EarlyStopping;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.layers.BatchNorm;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Dropout;
import dev.backprop.layers.InitializerScheme;
import dev.backprop.layers.LayerNorm;
import dev.backprop.layers.Linear;
import dev.backprop.layers.RangeClip;
import dev.backprop.layers.Softmax;
import dev.backprop.optim.LearningRateSchedule;
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
    /** The scale of the book's initialisation; null for the scheme's own default. */
    Double initScale;
    String optimizer = "adam";
    double learningRate;
    double decay;
    /** Given to the optimizer only when set: an option the optimizer does not take is refused. */
    Double momentum;
    Double weightDecay;
    int epochs;
    /** 0 means the whole data set in every step. */
    int batchSize;
    /** none, once (before training, as the book's Fashion-MNIST chapters) or epoch. */
    String shuffle = "none";
    double dropout;
    double l2;
    /** Epochs without a better validation loss before training stops (best weights restored); 0 for none. */
    int patience;
    /** null, "balanced", or "name=weight,name=weight" over the class names. */
    String classWeight;
    /** A regression's loss by a registered name (mse, mae, huber); null for MSE. */
    String loss;
    /** A classification's label smoothing ε; 0 for none. */
    double labelSmoothing;
    /** Whether a table regression's predictions are clipped to its training targets' range. */
    boolean clip;
    /**
     * A table regression's training targets' range (standardised), which its predictions are
     * clipped to at inference ({@link RangeClip}); null for none.
     */
    double[] targetRange;
    /** none, batch or layer: a normalisation layer after each hidden Dense, before its activation. */
    String norm = "none";
    /** Epochs between measurements of the validation data; the last epoch is always measured. */
    int validateEvery = 1;
    /** Worker threads over shards of each batch ({@code FitOptions.threads}); 0 for none. */
    int threads;

    /** The shards of each batch with threads ({@code FitOptions.shards}); 0 for the default. */
    int shards;
    /** Metrics asked for with --metric, by the names people type. */
    List<String> extraMetrics = List.of();
    /** --schedule as typed, or null for the book's decay. */
    String scheduleText;
    /** The schedule made from {@link #scheduleText} once the steps of the run are known; not sent to Spark. */
    transient LearningRateSchedule schedule;

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
                recipe.validateEvery = 100;
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
                // For a table nobody tuned for: scikit-learn's MLP defaults (100 ReLU units, Glorot,
                // Adam 0.001), up to 300 epochs, stopped when the validation loss has not improved
                // for 20, with the best weights restored.
                recipe.hidden = List.of(100);
                recipe.init = "glorot";
                recipe.learningRate = 0.001;
                recipe.epochs = 300;
                recipe.batchSize = 32;
                recipe.shuffle = "epoch";
                recipe.patience = 20;
            }
            default -> {
                recipe.hidden = List.of(64);
                recipe.learningRate = 0.05;
                recipe.decay = 5e-7;
                recipe.epochs = 10_001;
                // Measuring the validation data after each of 10 001 full-batch epochs doubles the
                // run; every 100th epoch (and the last) is what the book prints anyway.
                recipe.validateEvery = 100;
            }
        }
        return recipe;
    }

    /**
     * Ours for Fashion-MNIST: wider layers, He initialisation for ReLU, batch normalisation before
     * each activation, dropout against overfitting, AdamW on a cosine schedule down to 0 over the
     * run, shuffled every epoch.
     */
    static Recipe deep() {
        Recipe recipe = new Recipe();
        recipe.hidden = List.of(512, 256);
        recipe.init = "he";
        recipe.optimizer = "adamw";
        recipe.learningRate = 0.001;
        recipe.decay = 0;
        recipe.scheduleText = "cosine";
        recipe.norm = "batch";
        recipe.weightDecay = 0.01;
        recipe.epochs = 20;
        recipe.batchSize = 128;
        recipe.shuffle = "epoch";
        recipe.dropout = 0.2;
        return recipe;
    }

    /** The model of this recipe for a problem: its network, loss, optimizer and the task's figures. */
    Model build(Problem problem, NumpyRandom random, long seed) {
        clipPredictions(problem);
        Model.Builder model = Model.builder(network(problem.inputs(), problem.outputs(), problem.regression(), random,
                        seed))
                .loss(loss(problem).create())
                .optimizer(optimizer());
        TaskMetrics.of(problem, extraMetrics).forEach(model::metric);
        return model.build();
    }

    /**
     * The training options of this recipe: epochs, batches, shuffling, validation data and, with a
     * patience, early stopping on the validation loss with the best weights restored.
     *
     * @param seed the seed of the shuffles
     * @param validation the validation data, or null
     * @return the options, to which a caller adds listeners
     */
    FitOptions.Builder fitOptions(long seed, InMemoryDataset validation) {
        FitOptions.Builder fit = FitOptions.builder().epochs(epochs).seed(seed).shuffle(shuffle.equals("epoch"))
                .logEveryEpochs(Math.max(1, epochs / 10)).validateEvery(validateEvery);
        if (threads > 0) {
            fit.threads(threads);
            if (shards > 0) {
                fit.shards(shards);
            }
        }
        if (batchSize == 0) {
            fit.fullBatch();
        } else {
            fit.batchSize(batchSize);
        }
        if (validation != null) {
            fit.validation(validation);
            if (patience > 0) {
                fit.listener(EarlyStopping.builder().monitor("val_loss").patience(patience).build());
            }
        }
        return fit;
    }

    /** @return the steps of one epoch over {@code rows} training rows */
    long stepsPerEpoch(long rows) {
        return batchSize == 0 ? 1 : (rows + batchSize - 1) / batchSize;
    }

    /**
     * With {@code --clip-predictions}, a table regression's predictions stay inside its training
     * targets' range (RealMLP's rule; not the default: on nn-bench/tabular it cost R², on tables
     * whose test targets reach past the training range).
     *
     * @param table whether the problem is a table's
     * @param low the smallest training target, standardised
     * @param high the largest
     */
    void clipPredictions(boolean table, double low, double high) {
        targetRange = clip && table && low <= high ? new double[] {low, high} : null;
    }

    /** {@link #clipPredictions(boolean, double, double)} for a problem: a table's regression, from its targets. */
    void clipPredictions(Problem problem) {
        if (problem.regression()) {
            double[] targets = problem.train().targets().data;
            int n = problem.train().targets().getNumElements();
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                low = Math.min(low, targets[i]);
                high = Math.max(high, targets[i]);
            }
            clipPredictions(problem.preprocessor() != null, low, high);
        } else {
            targetRange = null;
        }
    }

    /** Makes {@code --schedule}'s learning-rate schedule, now that the run's rows are known. */
    void scheduleFor(long rows) {
        if (scheduleText != null) {
            schedule = ScheduleOption.parse(scheduleText, learningRate, stepsPerEpoch(rows), epochs);
        }
    }

    /** The network of this recipe, its initial weights drawn from {@code random}. */
    Layer network(int inputs, int outputs, boolean regression, NumpyRandom random, long seed) {
        InitializerScheme scheme = initializerScheme();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < hidden.size(); i++) {
            int width = hidden.get(i);
            layers.add(Dense.builder(inputs, width).initializer(scheme.from(random)).weightL2(l2).biasL2(l2).build());
            if (norm.equals("batch")) {
                layers.add(new BatchNorm(width));
            } else if (norm.equals("layer")) {
                layers.add(new LayerNorm(width));
            }
            layers.add(NamedComponents.activation(activation));
            if (dropout > 0) {
                layers.add(new Dropout(dropout, (seed + i) & 0xffffffffL));
            }
            inputs = width;
        }
        layers.add(new Dense(inputs, outputs, scheme.from(random)));
        layers.add(regression ? new Linear() : new Softmax());
        if (regression && targetRange != null) {
            layers.add(new RangeClip(targetRange[0], targetRange[1]));
        }
        return new Sequential(layers.toArray(new Layer[0]));
    }

    /** The loss of a problem: {@code --loss} for a regression, cross-entropy weighted by {@code --class-weight}. */
    LossChoice loss(Problem problem) {
        return LossChoice.of(this, problem.regression(), problem.classNames(),
                () -> LossChoice.counts(problem.train().targets(), problem.classes()));
    }

    /** {@code --init}, by the registry's names and aliases (book, glorot, he). */
    InitializerScheme initializerScheme() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (initScale != null) {
            config.put("scale", initScale);
        }
        return NamedComponents.create(InitializerScheme.class, "--init", init, config);
    }

    /** {@code --optimizer} with its rate, decay and whichever of momentum and weight decay were set. */
    Optimizer optimizer() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("learningRate", learningRate);
        config.put("decay", decay);
        if (momentum != null) {
            config.put("momentum", momentum);
        }
        if (weightDecay != null) {
            config.put("weightDecay", weightDecay);
        }
        if (schedule != null) {
            config.put("schedule", Components.registered().describe(schedule));
        }
        return NamedComponents.create(Optimizer.class, "--optimizer", optimizer, config);
    }

    /** @return the settings, as the model file's metadata keeps them */
    Map<String, Object> describe() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hidden", List.copyOf(hidden));
        json.put("activation", activation);
        json.put("init", init);
        if (initScale != null) {
            json.put("initScale", initScale);
        }
        json.put("optimizer", optimizer);
        json.put("learningRate", learningRate);
        json.put("decay", decay);
        if (momentum != null) {
            json.put("momentum", momentum);
        }
        if (weightDecay != null) {
            json.put("weightDecay", weightDecay);
        }
        json.put("epochs", epochs);
        json.put("batchSize", batchSize);
        json.put("shuffle", shuffle);
        json.put("dropout", dropout);
        json.put("l2", l2);
        json.put("patience", patience);
        json.put("validateEvery", validateEvery);
        if (threads > 0) {
            json.put("threads", threads);
            json.put("shards", shards > 0 ? shards : FitOptions.DEFAULT_SHARDS);
        }
        if (classWeight != null) {
            json.put("classWeight", classWeight);
        }
        if (loss != null) {
            json.put("loss", loss);
        }
        if (labelSmoothing != 0) {
            json.put("labelSmoothing", labelSmoothing);
        }
        if (clip) {
            json.put("clipPredictions", true);
        }
        json.put("norm", norm);
        if (scheduleText != null) {
            json.put("schedule", scheduleText);
        }
        if (!extraMetrics.isEmpty()) {
            json.put("metrics", List.copyOf(extraMetrics));
        }
        return json;
    }
}
