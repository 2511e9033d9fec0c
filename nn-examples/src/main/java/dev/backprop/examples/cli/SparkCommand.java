package dev.backprop.examples.cli;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.Evaluation;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import dev.backprop.spark.SerializableSupplier;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the data (default: Spark's parallelism)")
    Integer partitions;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data (default: ${DEFAULT-VALUE})",
            defaultValue = "100")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Samples per step, over all partitions (default: ${DEFAULT-VALUE})",
            defaultValue = "32")
    int batchSize;

    @Option(names = "--local-steps", paramLabel = "K",
            description = "Local SGD: K steps per partition between averages (approximate; default: synchronous)")
    Integer localSteps;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of data, weights and batches (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    long seed;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model (.bpz)")
    Path save;

    @Override
    public Integer call() {
        output.configureLogging();
        DataOptions.checkSeed(seed);
        DataOptions.positive("--epochs", epochs);
        DataOptions.positive("--batch-size", batchSize);
        if (partitions != null) {
            DataOptions.positive("--partitions", partitions);
        }
        if (localSteps != null) {
            DataOptions.positive("--local-steps", localSteps);
        }
        Recipe recipe = Recipe.book(data.kind());
        NumpyRandom random = new NumpyRandom(seed);
        Problem problem = data.load(random, seed);
        int inputs = problem.inputs();
        int outputs = problem.outputs();
        boolean regression = problem.regression();
        long weightsSeed = seed;
        SerializableSupplier<Layer> network =
                () -> recipe.network(inputs, outputs, regression, new NumpyRandom(weightsSeed), weightsSeed);
        SerializableSupplier<Loss> loss = () -> Recipe.loss(regression);
        SparkTrainer.Builder trainer = SparkTrainer.builder().network(network).loss(loss).epochs(epochs)
                .batchSize(batchSize).seed(seed);
        if (localSteps != null) {
            trainer.localSteps(localSteps, recipe::optimizer);
        } else {
            trainer.optimizer(recipe.optimizer());
        }
        SparkTraining training;
        try {
            training = SparkSession.train(master, problem.train(), partitions, trainer.build());
        } catch (NoClassDefFoundError missing) {
            throw new IllegalStateException("Apache Spark is not on the class path (" + missing.getMessage()
                    + "): run this command through ./backprop, which adds it, or through spark-submit");
        }
        report(training, problem, Recipe.metric(problem));
        if (save != null) {
            ModelFile.save(training.model(), save, Map.of("dataset", problem.name(), "trainer", "spark",
                    "epochs", epochs));
            output.say(spec, "saved the model to " + save);
        }
        return 0;
    }

    private void report(SparkTraining training, Problem problem, dev.backprop.core.metrics.Metric metric) {
        PrintWriter out = spec.commandLine().getOut();
        History history = training.history();
        double seconds = history.epochs().stream().mapToDouble(e -> e.wallTime().toNanos() / 1e9).sum();
        out.printf(Locale.ROOT, "epoch %d: loss %.4f, lr %s%n", history.size(), history.last().loss(),
                history.last().learningRate());
        out.printf(Locale.ROOT, "time: %.1f s for %d epochs (%.3f s per epoch)%n", seconds, history.size(),
                seconds / history.size());
        Model measured = Model.builder(training.model().network()).loss(training.model().loss()).metric(metric).build();
        Evaluation validation = measured.evaluate(problem.validation().get());
        out.printf(Locale.ROOT, "validation: loss %.4f, %s %.4f%n", validation.loss(), metric.name(),
                validation.metrics().get(metric.name()));
        out.flush();
    }
}
