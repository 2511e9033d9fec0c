package dev.backprop.examples.cli;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.Batch;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.Checkpoints;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.linalg.Gemm;
import dev.backprop.core.linalg.Precision;
import dev.backprop.core.metrics.ConfusionMatrix;
import dev.backprop.core.train.Evaluation;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.Resume;
import dev.backprop.examples.plot.Charts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backprop train}: builds a model from options, trains it, reports, saves and plots. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a model. With no options: the book's spiral model (chapter 10), in seconds.",
            "Defaults follow the book for each data set; --preset deep is ours for Fashion-MNIST."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--preset", paramLabel = "NAME", description = "book (default) or deep (Fashion-MNIST, ours)")
    String preset = "book";

    @Option(names = "--hidden", split = ",", paramLabel = "N", description = "Widths of the hidden layers, such as 128,128")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", description = "relu, leaky-relu, tanh or sigmoid")
    String activation;

    @Option(names = "--init", paramLabel = "NAME", description = "book (scale·randn), glorot or he")
    String init;

    @Option(names = "--init-scale", paramLabel = "X", description = "The scale of --init book (book: 0.01; sine 0.1)")
    Double initScale;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd, adagrad, rmsprop, adam or adamw")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "X", description = "The initial learning rate")
    Double learningRate;

    @Option(names = "--decay", paramLabel = "X", description = "Learning-rate decay per step: lr / (1 + decay·t)")
    Double decay;

    @Option(names = "--momentum", paramLabel = "X", description = "SGD momentum")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "X", description = "AdamW's decoupled weight decay")
    Double weightDecay;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Samples per step; 0 for the whole data set")
    Integer batchSize;

    @Option(names = "--shuffle", paramLabel = "WHEN", description = "none, once (before training) or epoch")
    String shuffle;

    @Option(names = "--dropout", paramLabel = "RATE", description = "Dropout after each hidden layer")
    Double dropout;

    @Option(names = "--l2", paramLabel = "X", description = "L2 regularisation of the hidden layers' weights and biases")
    Double l2;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of data, weights and shuffling (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    long seed;

    @Option(names = "--precision", paramLabel = "P",
            description = "Matrix products in float64 (default) or float32 (faster on OpenBLAS; storage stays double)")
    String precision;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model (.bpz)")
    Path save;

    @Option(names = "--plot", paramLabel = "DIR", description = "Write PNG charts into DIR")
    Path plot;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Save a checkpoint after every epoch")
    Path checkpointDir;

    @Option(names = "--keep-checkpoints", paramLabel = "N", description = "Checkpoints kept (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int keepCheckpoints;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --checkpoint-dir")
    boolean resume;

    private Precision precision() {
        if (precision == null) {
            return Gemm.precision();
        }
        try {
            return Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--precision: " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        output.configureLogging();
        Recipe recipe = recipe();
        DataOptions.checkSeed(seed);
        Precision products = precision();
        if (resume && checkpointDir == null) {
            throw new UsageException("--resume needs --checkpoint-dir");
        }
        NumpyRandom random = new NumpyRandom(seed);
        Problem problem = data.load(random, seed);
        InMemoryDataset train = problem.train();
        if (recipe.shuffle.equals("once")) {
            Batch shuffled = train.batches(Integer.MAX_VALUE, random).next();
            train = Dataset.of(shuffled.inputs().copy(), shuffled.targets().copy());
        }
        Model model = recipe.build(problem, random, seed);
        InMemoryDataset validation = problem.validation().get();

        FitOptions.Builder fit = FitOptions.builder().epochs(recipe.epochs).seed(seed)
                .shuffle(recipe.shuffle.equals("epoch")).validation(validation)
                .logEveryEpochs(Math.max(1, recipe.epochs / 10));
        if (recipe.batchSize == 0) {
            fit.fullBatch();
        } else {
            fit.batchSize(recipe.batchSize);
        }
        Map<String, Object> metadata = metadata(problem, recipe);
        int firstEpoch = 0;
        if (checkpointDir != null) {
            if (resume) {
                Optional<Resume> latest = Checkpoints.latest(checkpointDir);
                if (latest.isPresent()) {
                    model = latest.get().model();
                    firstEpoch = latest.get().nextEpoch();
                    fit.resume(latest.get());
                    output.say(spec, "resuming from " + latest.get().file() + " at epoch " + (firstEpoch + 1));
                } else {
                    output.say(spec, "no checkpoint in " + checkpointDir + "; starting afresh");
                }
            }
            fit.listener(new Checkpoints(checkpointDir, keepCheckpoints, metadata));
        }
        long stepsPerEpoch = recipe.batchSize == 0 ? 1 : (train.size() + recipe.batchSize - 1) / recipe.batchSize;
        History history;
        try (ProgressDisplay progress = output.progress(firstEpoch, recipe.epochs, stepsPerEpoch)) {
            if (progress != null) {
                fit.listener(progress).logEveryEpochs(0);
            }
            Model trained = model;
            Dataset samples = train;
            history = firstEpoch >= recipe.epochs ? null
                    : Gemm.callWith(products, () -> trained.fit(samples, fit.build()));
        }
        report(model, history, validation);
        if (save != null) {
            metadata.put("epochs", recipe.epochs);
            ModelFile.save(model, save, metadata);
            output.say(spec, "saved the model to " + save);
        }
        if (plot != null && history != null) {
            plot(model, history, problem, validation);
        }
        return 0;
    }

    private Recipe recipe() {
        Recipe recipe = switch (preset) {
            case "book" -> Recipe.book(data.kind());
            case "deep" -> Recipe.deep();
            default -> throw new UsageException("Unknown --preset '" + preset + "': use book or deep");
        };
        if (hidden != null) {
            if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
                throw new UsageException("--hidden needs positive widths, such as 128,128");
            }
            recipe.hidden = List.copyOf(hidden);
        }
        recipe.activation = activation != null ? activation : recipe.activation;
        recipe.init = init != null ? init : recipe.init;
        recipe.initScale = initScale != null ? initScale : recipe.initScale;
        recipe.optimizer = optimizer != null ? optimizer : recipe.optimizer;
        recipe.learningRate = learningRate != null ? learningRate : recipe.learningRate;
        recipe.decay = decay != null ? decay : recipe.decay;
        recipe.momentum = momentum != null ? momentum : recipe.momentum;
        recipe.weightDecay = weightDecay != null ? weightDecay : recipe.weightDecay;
        recipe.epochs = epochs != null ? DataOptions.positive("--epochs", epochs) : recipe.epochs;
        if (batchSize != null && batchSize < 0) {
            throw new UsageException("--batch-size must be 0 (whole data set) or more, got " + batchSize);
        }
        recipe.batchSize = batchSize != null ? batchSize : recipe.batchSize;
        recipe.shuffle = shuffle != null ? shuffle : recipe.shuffle;
        if (!List.of("none", "once", "epoch").contains(recipe.shuffle)) {
            throw new UsageException("Unknown --shuffle '" + recipe.shuffle + "': use none, once or epoch");
        }
        recipe.dropout = dropout != null ? dropout : recipe.dropout;
        if (!(recipe.dropout >= 0 && recipe.dropout < 1)) {
            throw new UsageException("--dropout must be in [0, 1), got " + recipe.dropout);
        }
        recipe.l2 = l2 != null ? l2 : recipe.l2;
        if (!(recipe.l2 >= 0) || !(recipe.initScale > 0)) {
            throw new UsageException("--l2 must be ≥ 0 and --init-scale > 0");
        }
        return recipe;
    }

    private Map<String, Object> metadata(Problem problem, Recipe recipe) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("dataset", problem.name());
        metadata.put("seed", seed);
        metadata.put("classes", problem.classes());
        metadata.put("recipe", recipe.describe());
        metadata.put("savedAt", java.time.Instant.now().toString());
        return metadata;
    }

    private void report(Model model, History history, InMemoryDataset validation) {
        PrintWriter out = spec.commandLine().getOut();
        if (history != null && history.size() > 0) {
            var last = history.last();
            out.printf(Locale.ROOT, "epoch %d: loss %.4f, accuracy %.4f, lr %s%n", last.epoch() + 1, last.loss(),
                    last.metrics().getOrDefault("accuracy", Double.NaN), last.learningRate());
            double seconds = history.epochs().stream().mapToDouble(e -> e.wallTime().toNanos() / 1e9).sum();
            out.printf(Locale.ROOT, "time: %.1f s for %d epochs (%.3f s per epoch)%n", seconds, history.size(),
                    seconds / history.size());
        }
        // fit measured the validation data after the last epoch's steps, with the final weights.
        double loss;
        double accuracy;
        if (history != null && history.size() > 0) {
            loss = history.last().validationLoss();
            accuracy = history.last().validationMetrics().getOrDefault("accuracy", Double.NaN);
        } else {
            Evaluation evaluation = model.evaluate(validation);
            loss = evaluation.loss();
            accuracy = evaluation.metrics().getOrDefault("accuracy", Double.NaN);
        }
        out.printf(Locale.ROOT, "validation: loss %.4f, accuracy %.4f%n", loss, accuracy);
        out.flush();
    }

    private void plot(Model model, History history, Problem problem, InMemoryDataset validation) {
        List<Path> files = new java.util.ArrayList<>(Charts.history(history, plot));
        if (problem.twoDimensional() && !problem.regression()) {
            files.add(Charts.decisionRegions(model, problem.train(), problem.classes(), plot.resolve("decision-regions.png")));
        } else if (problem.regression() && problem.inputs() == 1) {
            files.add(Charts.fit(model, validation, plot.resolve("fit.png")));
        } else if (!problem.regression()) {
            ConfusionMatrix matrix = new ConfusionMatrix(problem.classes())
                    .add(model.predict(validation.inputs()), validation.targets());
            files.add(Charts.confusionMatrix(matrix, plot.resolve("confusion-matrix.png")));
        }
        output.say(spec, "charts: " + files);
    }
}
