package dev.backprop.examples.cli;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.History;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.metrics.RootMeanSquaredError;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.data.tabular.Task;
import dev.backprop.spark.SerializableSupplier;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backprop spark}: trains the data set's recipe on Apache Spark with {@code SparkTrainer},
 * in {@code local[N]} or on the cluster that {@code spark-submit} gives it. Spark is not inside
 * backprop.jar: the {@code ./backprop} script adds it for this command, and {@code spark-submit}
 * brings the cluster's.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Train on Apache Spark (synchronous data parallelism; local[N] or spark-submit's cluster).")
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
        Recipe recipe = recipeOptions.recipe(data.kind());
        // Spark's own defaults: the book's full-batch 10 001 epochs would be 10 001 jobs.
        int epochs = recipeOptions.epochs != null ? recipe.epochs : DEFAULT_EPOCHS;
        int batchSize = recipeOptions.batchSize != null ? recipe.batchSize : DEFAULT_BATCH_SIZE;
        if (batchSize == 0) {
            throw new UsageException("--batch-size must be at least 1 on Spark, got 0");
        }
        if (table != null) {
            return trainTable(recipe, epochs, batchSize, seed);
        }
        NumpyRandom random = new NumpyRandom(seed);
        Problem problem = data.load(random, seed);
        int inputs = problem.inputs();
        int outputs = problem.outputs();
        boolean regression = problem.regression();
        long weightsSeed = seed;
        SerializableSupplier<Layer> network =
                () -> recipe.network(inputs, outputs, regression, new NumpyRandom(weightsSeed), weightsSeed);
        SerializableSupplier<Loss> loss = () -> Recipe.loss(regression);
        Metric metric = Recipe.metric(problem);
        // Spark's batches are shuffled every epoch unless --shuffle none says otherwise.
        boolean shuffle = recipeOptions.shuffle == null || !recipe.shuffle.equals("none");
        SparkTrainer.Builder trainer = SparkTrainer.builder().network(network).loss(loss).epochs(epochs)
                .batchSize(batchSize).seed(seed).shuffle(shuffle)
                .metric(metric);
        InMemoryDataset validation = problem.validation().get();
        if (validation != null) {
            trainer.validation(validation);
        }
        if (localSteps != null) {
            trainer.localSteps(localSteps, recipe::optimizer);
        } else {
            trainer.optimizer(recipe.optimizer());
        }
        SparkTraining training;
        try {
            training = SparkSession.train(master, problem.train(), partitions, trainer.build());
        } catch (NoClassDefFoundError missing) {
            throw sparkMissing(missing);
        }
        report(training, metric);
        if (save.file != null) {
            Map<String, Object> metadata = Map.of("dataset", problem.name(), "trainer", "spark", "epochs", epochs);
            if (problem.preprocessor() != null) {
                new TabularModel(problem.preprocessor(), training.model()).save(save.file, metadata);
            } else {
                ModelFile.save(training.model(), save.file, metadata);
            }
            output.say(spec, "saved the model to " + save.file);
        }
        return 0;
    }

    /** --table: Spark reads the table, fits its preprocessing and trains; the model file keeps the preprocessing. */
    private int trainTable(Recipe recipe, int epochs, int batchSize, long seed) {
        TabularOptions options = data.csv.tabular(data.labelColumn.name);
        boolean shuffle = recipeOptions.shuffle == null || !recipe.shuffle.equals("none");
        Metric[] metric = new Metric[1];
        SparkTables.Training result;
        try {
            result = SparkTables.train(master, table, options, partitions, preprocessor -> {
                int inputs = preprocessor.inputs();
                int outputs = preprocessor.outputs();
                boolean regression = preprocessor.task() == Task.REGRESSION;
                metric[0] = regression ? new RootMeanSquaredError() : new CategoricalAccuracy();
                SparkTrainer.Builder trainer = SparkTrainer.builder()
                        .network(() -> recipe.network(inputs, outputs, regression, new NumpyRandom(seed), seed))
                        .loss(() -> Recipe.loss(regression)).epochs(epochs).batchSize(batchSize).seed(seed)
                        .shuffle(shuffle).metric(metric[0]);
                if (localSteps != null) {
                    trainer.localSteps(localSteps, recipe::optimizer);
                } else {
                    trainer.optimizer(recipe.optimizer());
                }
                return trainer.build();
            });
        } catch (NoClassDefFoundError missing) {
            throw sparkMissing(missing);
        }
        report(result.training(), metric[0]);
        if (save.file != null) {
            new TabularModel(result.preprocessor(), result.training().model()).save(save.file,
                    Map.of("dataset", table.getFileName().toString(), "trainer", "spark", "epochs", epochs));
            output.say(spec, "saved the model to " + save.file);
        }
        return 0;
    }

    /** What the Spark commands say when Spark's classes are not there (a plain {@code java -jar}). */
    static IllegalStateException sparkMissing(NoClassDefFoundError missing) {
        return new IllegalStateException("Apache Spark is not on the class path (" + missing.getMessage()
                + "): run this command through ./backprop, which adds it, or through spark-submit");
    }

    private void report(SparkTraining training, Metric metric) {
        PrintWriter out = spec.commandLine().getOut();
        History history = training.history();
        EpochResult last = history.last();
        double seconds = history.epochs().stream().mapToDouble(e -> e.wallTime().toNanos() / 1e9).sum();
        out.printf(Locale.ROOT, "epoch %d: loss %.4f, %s %.4f, lr %s%n", history.size(), last.loss(), metric.name(),
                last.metrics().get(metric.name()), last.learningRate());
        out.printf(Locale.ROOT, "time: %.1f s for %d epochs (%.3f s per epoch)%n", seconds, history.size(),
                seconds / history.size());
        // The epoch loop measured the validation data after the last epoch, with the final weights.
        if (!last.validationMetrics().isEmpty()) {
            out.printf(Locale.ROOT, "validation: loss %.4f, %s %.4f%n", last.validationLoss(), metric.name(),
                    last.validationMetrics().get(metric.name()));
        }
        out.flush();
    }

    private static final int DEFAULT_EPOCHS = 100;
    private static final int DEFAULT_BATCH_SIZE = 32;
}
