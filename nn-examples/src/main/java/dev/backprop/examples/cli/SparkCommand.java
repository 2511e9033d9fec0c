package dev.backprop.examples.cli;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Optimizer;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.TrainingListener;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.Task;
import dev.backprop.optim.GradientDescent;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backprop spark}: trains the data set's recipe on Apache Spark with {@code SparkTrainer},
 * in {@code local[N]} or on the cluster that {@code spark-submit} gives it. The recipe, its loss,
 * figures, schedule, validation, early stopping and report are {@code train}'s; what Spark cannot
 * do as {@code train} does is refused with the reason. Spark is not inside backprop.jar: the
 * {@code ./backprop} script adds it for this command, and {@code spark-submit} brings the
 * cluster's.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = {"Train on Apache Spark (synchronous data parallelism; local[N] or spark-submit's cluster).",
            "Options as train's; a table (--table or --dataset csv:) gets train's table defaults. Every step is a Spark "
                + "job (milliseconds each), so a small table trains faster with train."})
final class SparkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, such as local[2] (default: spark-submit's, else local[2])")
    String master;

    @Option(names = "--table", paramLabel = "FILE",
            description = "Train on a Parquet or CSV table (a file or Spark's directory of parts) read by Spark; its "
                    + "preprocessing is fitted on the cluster. Instead of --dataset")
    java.nio.file.Path table;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the data (default: Spark's parallelism)")
    Integer partitions;

    @Mixin
    RecipeOptions recipeOptions = new RecipeOptions();

    @Option(names = "--local-steps", paramLabel = "K",
            description = "Local SGD: K steps per partition between averages (approximate; default: synchronous)")
    Integer localSteps;

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    SaveOption save = new SaveOption();

    @Override
    public Integer call() {
        output.configureLogging();
        long seed = seedOption.value(0);
        if (partitions != null) {
            RecipeOptions.positive("--partitions", partitions);
        }
        if (localSteps != null) {
            RecipeOptions.positive("--local-steps", localSteps);
        }
        if (table != null && !data.dataset.equals("spiral")) {
            throw new UsageException("--table and --dataset both name the data: give one");
        }
        Recipe recipe = recipeOptions.recipe(table != null ? "csv" : data.kind());
        refuseWhatSparkCannotDo(recipe);
        if (recipe.patience == 0 && recipeOptions.epochs == null && recipe.epochs > DEFAULT_EPOCHS) {
            // The book's 10 001 full-batch epochs would be 10 001 Spark jobs.
            recipe.epochs = DEFAULT_EPOCHS;
            recipe.batchSize = recipeOptions.batchSize != null ? recipe.batchSize : DEFAULT_BATCH_SIZE;
            recipe.validateEvery = recipeOptions.validateEvery != null ? recipe.validateEvery : 1;
            recipe.shuffle = recipeOptions.shuffle != null ? recipe.shuffle : "epoch";
        }
        OutputFiles.check(save.file, "--save");
        return table != null ? trainTable(recipe, seed) : trainArrays(recipe, seed);
    }

    /** Options of train that have no meaning on Spark, or that Spark would not honour: refused, with why. */
    private void refuseWhatSparkCannotDo(Recipe recipe) {
        if (recipeOptions.threads != null || recipeOptions.shards != null) {
            throw new UsageException((recipeOptions.threads != null ? "--threads" : "--shards") + " splits each batch "
                    + "on one machine; on Spark the partitions share each batch: use --partitions");
        }
        if (recipe.norm.equals("batch")) {
            throw new UsageException("--norm batch" + (recipeOptions.norm == null ? " (the preset's)" : "")
                    + " is not supported on Spark: each partition would normalise by its own rows and the running "
                    + "statistics would not reach the driver; give --norm layer or --norm none");
        }
        if (table != null && recipe.shuffle.equals("once")) {
            throw new UsageException("--shuffle once shuffles rows in memory; a Spark table is shuffled every epoch "
                    + "(--shuffle epoch) or not at all (--shuffle none)");
        }
        if (localSteps != null && recipe.scheduleText != null) {
            throw new UsageException("--schedule with --local-steps: each round of local SGD starts a new optimizer, "
                    + "so a schedule would restart every round; give one or the other");
        }
        if (recipe.batchSize == 0 && localSteps != null) {
            throw new UsageException("--local-steps with --batch-size 0: a whole-data batch has no local steps");
        }
    }

    /** The book's data sets or a CSV file, read on the driver and spread over the partitions. */
    private int trainArrays(Recipe recipe, long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        Problem problem = data.load(random, seed);
        InMemoryDataset train = problem.train();
        if (recipe.shuffle.equals("once")) {
            train.shuffleInPlace(random);
        }
        recipe.scheduleFor(train.size());
        recipe.clipPredictions(problem);
        LossChoice loss = recipe.loss(problem);
        List<Metric> metrics = TaskMetrics.of(problem, recipe.extraMetrics);
        InMemoryDataset validation = problem.validation().get();
        SparkTrainer trainer = trainer(recipe, seed, problem.inputs(), problem.outputs(), problem.regression(), loss,
                metrics, validation);
        SparkTraining training;
        try {
            training = SparkSession.train(master, train, partitions, trainer);
        } catch (NoClassDefFoundError missing) {
            throw sparkMissing(missing);
        }
        TrainingReport.print(spec.commandLine().getOut(), training.model(), training.history(), recipe.epochs,
                validation, problem.test(), recipe.patience);
        save(problem.name(), recipe, seed, problem.classes(), problem.preprocessor(), training);
        return 0;
    }

    /** --table: Spark reads the table, fits its preprocessing and trains; the model file keeps the preprocessing. */
    private int trainTable(Recipe recipe, long seed) {
        java.nio.file.Path test = data.test == null ? null : DataOptions.csvPath(data.test, "--test");
        SparkTables.Training result;
        try {
            result = SparkTables.train(master, table, data.csv.csv(), data.csv.tabular(data.labelColumn.name), partitions,
                    data.validationSplit(), seed, test, prepared -> {
                        Preprocessor preprocessor = prepared.preprocessor();
                        boolean regression = preprocessor.task() == Task.REGRESSION;
                        recipe.scheduleFor(prepared.rows());
                        if (regression) {
                            recipe.clipPredictions(true, prepared.targetRange()[0], prepared.targetRange()[1]);
                        }
                        LossChoice loss = LossChoice.of(recipe, regression,
                                regression ? List.of() : preprocessor.classNames(), prepared::classCounts);
                        return trainer(recipe, seed, preprocessor.inputs(), preprocessor.outputs(), regression, loss,
                                TaskMetrics.of(regression, preprocessor, null, recipe.extraMetrics),
                                prepared.validation());
                    });
        } catch (NoClassDefFoundError missing) {
            throw sparkMissing(missing);
        }
        SparkTables.Prepared prepared = result.table();
        TrainingReport.print(spec.commandLine().getOut(), result.training().model(), result.training().history(),
                recipe.epochs, prepared.validation(), prepared.test(), recipe.patience);
        Preprocessor preprocessor = prepared.preprocessor();
        save(table.getFileName().toString(), recipe, seed,
                preprocessor.task() == Task.REGRESSION ? 0 : preprocessor.outputs(), preprocessor, result.training());
        return 0;
    }

    /** The trainer of a recipe: train's options, loss and figures, with Spark's partitions sharing each batch. */
    private SparkTrainer trainer(Recipe recipe, long seed, int inputs, int outputs, boolean regression,
            LossChoice loss, List<Metric> metrics, InMemoryDataset validation) {
        FitOptions.Builder fit = recipe.fitOptions(seed, validation);
        SparkTrainer.Builder trainer = SparkTrainer.builder()
                .network(() -> recipe.network(inputs, outputs, regression, new NumpyRandom(seed), seed))
                .loss(loss::create);
        metrics.forEach(trainer::metric);
        if (localSteps != null) {
            trainer.localSteps(localSteps, recipe::optimizer);
        } else {
            Optimizer optimizer = recipe.optimizer();
            // A schedule that listens to epochs (reduce-on-plateau) hears the run.
            if (optimizer instanceof GradientDescent descent && descent.schedule() instanceof TrainingListener heard) {
                fit.listener(heard);
            }
            trainer.optimizer(optimizer);
        }
        return trainer.options(fit.build()).build();
    }

    private void save(String dataset, Recipe recipe, long seed, int classes, Preprocessor preprocessor,
            SparkTraining training) {
        if (save.file == null) {
            return;
        }
        Map<String, Object> metadata = TrainingReport.metadata(dataset, recipe, seed, classes);
        metadata.put("trainer", "spark");
        metadata.put("epochs", recipe.epochs);
        if (preprocessor != null) {
            new TabularModel(preprocessor, training.model()).save(save.file, metadata);
        } else {
            ModelFile.save(training.model(), save.file, metadata);
        }
        output.say(spec, "saved the model to " + save.file);
    }

    /** What the Spark commands say when Spark's classes are not there (a plain {@code java -jar}). */
    static IllegalStateException sparkMissing(NoClassDefFoundError missing) {
        return new IllegalStateException("Apache Spark is not on the class path (" + missing.getMessage()
                + "): run this command through ./backprop, which adds it, or through spark-submit");
    }

    /** Spark's own defaults for the book's data sets: their full-batch 10 001 epochs would be 10 001 jobs. */
    private static final int DEFAULT_EPOCHS = 100;
    private static final int DEFAULT_BATCH_SIZE = 32;
}
