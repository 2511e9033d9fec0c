package dev.backprop.examples.cli;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.Checkpoints;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.linalg.Gemm;
import dev.backprop.core.linalg.Precision;
import dev.backprop.core.metrics.ConfusionMatrix;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.Resume;
import dev.backprop.core.train.TrainingListener;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.examples.plot.Charts;
import dev.backprop.optim.GradientDescent;
import java.nio.file.Path;
import java.util.List;
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

    @Mixin
    RecipeOptions recipeOptions = new RecipeOptions();

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    SaveOption save = new SaveOption();

    @Mixin
    PlotOption plot = new PlotOption();

    @Option(names = "--precision", paramLabel = "P",
            description = "Matrix products in float64 (default) or float32 (faster on OpenBLAS; storage stays double)")
    String precision;

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
        Recipe recipe = recipeOptions.recipe(data.kind());
        long seed = seedOption.value(0);
        Precision products = precision();
        if (resume && checkpointDir == null) {
            throw new UsageException("--resume needs --checkpoint-dir");
        }
        OutputFiles.check(save.file, "--save");
        NumpyRandom random = new NumpyRandom(seed);
        Problem problem = data.load(random, seed);
        InMemoryDataset train = problem.train();
        if (recipe.shuffle.equals("once")) {
            // In place: a shuffled copy of Fashion-MNIST would be another 376 MB to allocate and
            // touch, which took longer than an epoch of training (RESULTS.md).
            train.shuffleInPlace(random);
        }
        if (recipe.norm.equals("batch") && recipe.batchSize > 0 && train.size() % recipe.batchSize == 1) {
            // BatchNorm cannot normalise a last batch of one sample by its own statistics.
            output.say(spec, "--norm batch: " + train.size() + " rows in batches of " + recipe.batchSize
                    + " leave a last batch of one; batches of " + (recipe.batchSize + 1) + " instead");
            recipe.batchSize++;
        }
        long stepsPerEpoch = recipe.stepsPerEpoch(train.size());
        recipe.scheduleFor(train.size());
        Model model = recipe.build(problem, random, seed);
        InMemoryDataset validation = problem.validation().get();

        FitOptions.Builder fit = recipe.fitOptions(seed, validation);
        Map<String, Object> metadata = TrainingReport.metadata(problem.name(), recipe, seed, problem.classes());
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
        // A schedule that listens to epochs (reduce-on-plateau) hears the run, resumed or not.
        if (model.optimizer() instanceof GradientDescent descent && descent.schedule() instanceof TrainingListener heard) {
            fit.listener(heard);
        }
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
        TrainingReport.print(spec.commandLine().getOut(), model, history, recipe.epochs - firstEpoch, validation,
                problem.test(), recipe.patience);
        if (save.file != null) {
            metadata.put("epochs", recipe.epochs);
            if (problem.preprocessor() != null) {
                new TabularModel(problem.preprocessor(), model).save(save.file, metadata);
            } else {
                ModelFile.save(model, save.file, metadata);
            }
            output.say(spec, "saved the model to " + save.file);
        }
        if (plot.directory != null && history != null) {
            plot(model, history, problem, validation, plot.directory);
        }
        return 0;
    }

    private void plot(Model model, History history, Problem problem, InMemoryDataset validation, Path plot) {
        List<Path> files = new java.util.ArrayList<>(Charts.history(history, plot));
        InMemoryDataset measured = problem.test() != null ? problem.test() : validation;
        if (problem.twoDimensional() && !problem.regression()) {
            files.add(Charts.decisionRegions(model, problem.train(), problem.classes(), plot.resolve("decision-regions.png")));
        } else if (problem.regression() && problem.inputs() == 1 && measured != null) {
            files.add(Charts.fit(model, measured, plot.resolve("fit.png")));
        } else if (!problem.regression() && measured != null) {
            ConfusionMatrix matrix = new ConfusionMatrix(problem.classes())
                    .add(model.predict(measured.inputs()), measured.targets());
            files.add(Charts.confusionMatrix(matrix, problem.classNames(), plot.resolve("confusion-matrix.png")));
        }
        if (problem.classes() == 2 && measured != null) {
            files.add(Charts.roc(model.predict(measured.inputs()), measured.targets(), plot.resolve("roc.png")));
        }
        output.say(spec, "charts: " + files);
    }
}
