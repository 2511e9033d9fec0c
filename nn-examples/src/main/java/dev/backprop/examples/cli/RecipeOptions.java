package dev.backprop.examples.cli;

import dev.backprop.core.train.FitOptions;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that change a training recipe, shared by {@code train} and {@code spark}: each
 * overrides one setting of the data set's recipe (the book's, or {@code --preset deep}).
 */
final class RecipeOptions {

    @Option(names = "--preset", paramLabel = "NAME", description = "book (default) or deep (Fashion-MNIST, ours)")
    String preset = "book";

    @Option(names = "--hidden", split = ",", paramLabel = "N", description = "Widths of the hidden layers, such as 128,128")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", completionCandidates = RegisteredNames.Activations.class,
            description = "One of ${COMPLETION-CANDIDATES} (names ignore case and '-')")
    String activation;

    @Option(names = "--init", paramLabel = "NAME", completionCandidates = RegisteredNames.Initializers.class,
            description = "One of ${COMPLETION-CANDIDATES}: book is the book's scale·randn")
    String init;

    @Option(names = "--init-scale", paramLabel = "X", description = "The scale of --init book (book: 0.01; sine 0.1)")
    Double initScale;

    @Option(names = "--optimizer", paramLabel = "NAME", completionCandidates = RegisteredNames.Optimizers.class,
            description = "One of ${COMPLETION-CANDIDATES}")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "X", description = "The initial learning rate")
    Double learningRate;

    @Option(names = "--decay", paramLabel = "X", description = "Learning-rate decay per step: lr / (1 + decay·t)")
    Double decay;

    @Option(names = "--schedule", paramLabel = "SCHEDULE",
            description = "The learning rate's schedule, instead of --decay: constant, cosine, coslog[:CYCLES] (RealMLP's, "
                    + "4 cycles), step:EPOCHS,GAMMA, "
                    + "exponential:GAMMA (per epoch), onecycle[:MAX], plateau[:FACTOR,PATIENCE], "
                    + "each after an optional warmup:STEPS, (such as warmup:500,cosine)")
    String schedule;

    @Option(names = "--momentum", paramLabel = "X", description = "SGD momentum")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "X", description = "AdamW's decoupled weight decay")
    Double weightDecay;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Samples per step; 0 for the whole data set (train only)")
    Integer batchSize;

    @Option(names = "--shuffle", paramLabel = "WHEN", description = "none, once (before training) or epoch")
    String shuffle;

    @Option(names = "--dropout", paramLabel = "RATE", description = "Dropout after each hidden layer")
    Double dropout;

    @Option(names = "--l2", paramLabel = "X", description = "L2 regularisation of the hidden layers' weights and biases")
    Double l2;

    @Option(names = "--norm", paramLabel = "KIND",
            description = "A normalisation layer after each hidden layer, before its activation: none (default), "
                    + "batch (BatchNorm) or layer (LayerNorm)")
    String norm;

    @Option(names = "--metric", split = ",", paramLabel = "NAME",
            description = "Figures to report each epoch besides the task's own: auc, log_loss, topK (such as top3), "
                    + "mae, rmse, r2, or any registered metric")
    List<String> metrics;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "A regression's loss: mse (default), mae or huber (δ 1); a classification's is cross-entropy")
    String loss;

    @Option(names = "--label-smoothing", paramLabel = "EPSILON",
            description = "A classification's cross-entropy against (1 − ε)·y + ε/classes, as PyTorch's "
                    + "label_smoothing (default: 0)")
    Double labelSmoothing;

    @Option(names = "--clip-predictions",
            description = "A table regression's predictions kept inside its training targets' range (RealMLP's rule)")
    boolean clipPredictions;

    @Option(names = "--class-weight", paramLabel = "WEIGHTS",
            description = "Weights of the classes in the loss: balanced (samples / (classes · class samples)) "
                    + "or CLASS=WEIGHT,... (others 1)")
    String classWeight;

    @Option(names = "--validate-every", paramLabel = "N",
            description = "Measure the validation data every N epochs and after the last (default: 100 for the "
                    + "book's 10 001-epoch runs, else 1)")
    Integer validateEvery;

    @Option(names = "--threads", paramLabel = "N",
            description = "Split each batch into " + FitOptions.DEFAULT_SHARDS + " shards computed on N threads (N cores: "
                    + "OpenBLAS then runs one thread per product); the weights are the same for every N (no BatchNorm). "
                    + "Default: whole batches, OpenBLAS on every core")
    Integer threads;

    @Option(names = "--shards", paramLabel = "N",
            description = "With --threads: the shards each batch is split into (default: " + FitOptions.DEFAULT_SHARDS
                    + "); the weights depend on N, not on the threads. Fewer, larger shards are faster products")
    Integer shards;

    @Option(names = "--patience", paramLabel = "N",
            description = "Stop when the validation loss has not improved for N epochs, best weights restored; "
                    + "0 for none (default: 20 for a CSV file, else 0)")
    Integer patience;

    /**
     * @param kind the data set's kind, whose book recipe is the default
     * @return the preset's recipe with the options given applied
     * @throws UsageException for a value out of range or a name that is not known
     */
    Recipe recipe(String kind) {
        Recipe recipe = switch (preset) {
            case "book" -> Recipe.book(kind);
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
        if (decay != null && schedule == null) {
            recipe.scheduleText = null; // the book's decay replaces a preset's schedule
        }
        if (schedule != null) {
            if (decay != null) {
                throw new UsageException("--decay is the book's schedule: give --decay or --schedule, not both");
            }
            recipe.decay = 0;
            recipe.scheduleText = schedule;
            ScheduleOption.parse(schedule, 1, 1, 1); // the words are checked now, the steps once the data is read
        }
        recipe.momentum = momentum != null ? momentum : recipe.momentum;
        recipe.weightDecay = weightDecay != null ? weightDecay : recipe.weightDecay;
        recipe.epochs = epochs != null ? positive("--epochs", epochs) : recipe.epochs;
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
        if (patience != null && patience < 0) {
            throw new UsageException("--patience must be 0 or more, got " + patience);
        }
        recipe.patience = patience != null ? patience : recipe.patience;
        recipe.threads = threads != null ? positive("--threads", threads) : recipe.threads;
        if (shards != null && recipe.threads == 0) {
            throw new UsageException("--shards splits batches over --threads: give --threads too");
        }
        recipe.shards = shards != null ? positive("--shards", shards) : recipe.shards;
        recipe.validateEvery = validateEvery != null ? positive("--validate-every", validateEvery) : recipe.validateEvery;
        recipe.classWeight = classWeight != null ? classWeight.strip() : recipe.classWeight;
        recipe.loss = loss != null ? loss.strip() : recipe.loss;
        recipe.labelSmoothing = labelSmoothing != null ? labelSmoothing : recipe.labelSmoothing;
        recipe.clip = clipPredictions || recipe.clip;
        if (!(recipe.labelSmoothing >= 0 && recipe.labelSmoothing < 1)) {
            throw new UsageException("--label-smoothing must be in [0, 1), got " + recipe.labelSmoothing);
        }
        recipe.norm = norm != null ? norm : recipe.norm;
        recipe.extraMetrics = metrics != null ? List.copyOf(metrics) : recipe.extraMetrics;
        recipe.extraMetrics.forEach(NamedComponents::metric); // names are checked before any data is read
        if (!List.of("none", "batch", "layer").contains(recipe.norm)) {
            throw new UsageException("Unknown --norm '" + recipe.norm + "': use none, batch or layer");
        }
        if (!(recipe.l2 >= 0) || recipe.initScale != null && !(recipe.initScale > 0)) {
            throw new UsageException("--l2 must be ≥ 0 and --init-scale > 0");
        }
        // Names are checked now, before any data is read.
        recipe.optimizer();
        recipe.initializerScheme();
        return recipe;
    }

    static int positive(String option, int value) {
        if (value < 1) {
            throw new UsageException(option + " must be at least 1, got " + value);
        }
        return value;
    }
}
