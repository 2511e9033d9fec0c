package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.Model;
import dev.backprop.data.tabular.CsvOptions;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.HuberLoss;
import dev.backprop.optim.GradientDescent;
import dev.backprop.optim.Schedules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code backprop spark} takes train's options: each one either reaches the Spark trainer (the
 * schedule's rates, the loss, the class weights are checked here on a real run) or is refused
 * with exit code 2 before Spark starts.
 */
class SparkCommandOptionsTest {

    @TempDir
    Path folder;

    /** Options of train that spark takes and honours as train does. */
    private static final Set<String> HONOURED = Set.of("--help", "--version", "--dataset", "--samples", "--classes",
            "--data-dir", "--limit", "--label-column", "--validation-split", "--test", "--delimiter", "--missing",
            "--categorical", "--scale", "--task", "--no-header", "--unknown-category", "--verbose", "--quiet", "--no-progress", "--preset", "--hidden",
            "--activation", "--init", "--init-scale", "--optimizer", "--learning-rate", "--decay", "--schedule",
            "--momentum", "--weight-decay", "--epochs", "--batch-size", "--shuffle", "--dropout", "--l2", "--norm",
            "--metric", "--loss", "--label-smoothing", "--clip-predictions", "--class-weight", "--validate-every",
            "--patience", "--seed", "--save");

    /** Options spark has but refuses, each with a value it refuses. */
    private static final Map<String, List<String>> REFUSED = Map.of(
            "--threads", List.of("--threads", "2"),
            "--shards", List.of("--threads", "2", "--shards", "4"));

    @Test
    void everyOptionOfTrainIsHonouredOrRefusedWithExitCodeTwo() {
        CommandLine train = new CommandLine(new TrainCommand());
        CommandLine spark = new CommandLine(new SparkCommand());
        List<String> unclassified = new ArrayList<>();
        for (OptionSpec option : train.getCommandSpec().options()) {
            String name = option.longestName();
            List<String> refusal = REFUSED.get(name);
            if (spark.getCommandSpec().findOption(name) == null) {
                // train's own (--precision, --checkpoint-dir, --resume, --plot, ...): unknown to spark.
                List<String> args = new ArrayList<>(List.of("spark", name));
                if (option.arity().max() > 0) {
                    args.add("1");
                }
                assertEquals(2, BackpropCommandTest.run(args.toArray(new String[0])).exitCode(), name);
            } else if (refusal != null) {
                List<String> args = new ArrayList<>(List.of("spark"));
                args.addAll(refusal);
                BackpropCommandTest.Run run = BackpropCommandTest.run(args.toArray(new String[0]));
                assertEquals(2, run.exitCode(), name + ": " + run.err());
                assertTrue(run.err().contains("--partitions"), run.err());
            } else if (!HONOURED.contains(name)) {
                unclassified.add(name);
            }
        }
        assertEquals(List.of(), unclassified, "options of train that this test does not say spark honours or refuses");
        BackpropCommandTest.Run batchNorm = BackpropCommandTest.run("spark", "--dataset", "fashion-mnist", "--preset",
                "deep");
        assertEquals(2, batchNorm.exitCode());
        assertTrue(batchNorm.err().contains("--norm batch (the preset's) is not supported on Spark"), batchNorm.err());
    }

    private Path table(String name, int rows, boolean regression) throws IOException {
        NumpyRandom random = new NumpyRandom(3);
        // As R's write.csv writes a data frame: row names under an empty header, names with dots.
        StringBuilder csv = new StringBuilder("\"\",\"Sc.Var.Maxis\",\"Sc_Var_Maxis\",\"Sc_Var_maxis\",\"colour\",\"class\"\n");
        for (int r = 0; r < rows; r++) {
            double a = random.uniform(-1, 1);
            double b = random.uniform(-1, 1);
            double c = random.uniform(0, 3);
            String colour = a + b > 0 ? "red" : "blue";
            String label = regression ? String.format(Locale.ROOT, "%.4f", 3 * a - b + 0.5 * c)
                    : a + 0.5 * b > 0.2 ? "high" : "low";
            csv.append(String.format(Locale.ROOT, "\"%d\",%.4f,%.4f,%.4f,\"%s\",%s%n", r + 1, a, b, c, colour,
                    regression ? label : "\"" + label + "\""));
        }
        return Files.writeString(folder.resolve(name), csv);
    }

    @Test
    void theScheduleAndTheClassWeightsReachTheTrainerAndDottedCaseTwinColumnsServeBothWays() throws IOException {
        Path file = table("R.csv", 200, false);
        Path model = folder.resolve("spark.bpz");
        // 200 rows in batches of 50, 3 epochs: 12 steps of a cosine schedule.
        BackpropCommandTest.Run run = BackpropCommandTest.run("spark", "--master", "local[2]", "--table", file.toString(),
                "--validation-split", "0", "--epochs", "3", "--batch-size", "50", "--learning-rate", "0.01",
                "--schedule", "cosine", "--class-weight", "balanced", "--save", model.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        String epochLine = run.out().lines().filter(l -> l.startsWith("epoch 3:")).findFirst().orElseThrow();
        double last = 0.01 * (1 + Math.cos(Math.PI * 11 / 12)) / 2;
        assertEquals(last, Double.parseDouble(epochLine.replaceAll(".*, lr (\\S+)$", "$1")), 0.005 * last, epochLine);
        Model saved = ModelFile.load(model);
        assertTrue(((GradientDescent) saved.optimizer()).schedule() instanceof Schedules.Cosine,
                ((GradientDescent) saved.optimizer()).schedule().toString());
        RawTable rows = RawTable.read(file, CsvOptions.defaults());
        long high = java.util.stream.IntStream.range(0, rows.size()).filter(r -> rows.cell(r, 5).equals("high")).count();
        TabularModel tabular = TabularModel.load(model);
        int highIndex = tabular.preprocessor().classNames().indexOf("high");
        double[] expected = new double[2];
        expected[highIndex] = 200.0 / (2 * high);
        expected[1 - highIndex] = 200.0 / (2 * (200 - high));
        assertArrayEquals(expected, ((CategoricalCrossEntropy) saved.loss()).classWeights(), 1e-12);
        assertEquals(List.of("column1", "Sc.Var.Maxis", "Sc_Var_Maxis", "Sc_Var_maxis", "colour"),
                tabular.preprocessor().featureNames(), "every column as the file names it");

        // The Spark model serves predict, and spark-predict writes predict's CSV: one file, the same lines.
        Path local = folder.resolve("local.csv");
        assertEquals(0, BackpropCommandTest.run("predict", "--model", model.toString(), "--input", file.toString(),
                "--output", local.toString()).exitCode());
        Path scored = folder.resolve("scored.csv");
        BackpropCommandTest.Run scoring = BackpropCommandTest.run("spark-predict", "--master", "local[2]", "--model",
                model.toString(), "--input", file.toString(), "--output", scored.toString(), "--quiet");
        assertEquals(0, scoring.exitCode(), scoring.err());
        assertTrue(Files.isRegularFile(scored), "a single CSV file");
        assertEquals(Files.readAllLines(local), Files.readAllLines(scored));

        // A model trained on one machine serves spark-predict on the same file.
        Path trained = folder.resolve("train.bpz");
        assertEquals(0, BackpropCommandTest.run("train", "--dataset", "csv:" + file, "--epochs", "2", "--save",
                trained.toString(), "--quiet").exitCode());
        Path fromTrain = folder.resolve("from-train.csv");
        assertEquals(0, BackpropCommandTest.run("spark-predict", "--master", "local[2]", "--model", trained.toString(),
                "--input", file.toString(), "--output", fromTrain.toString(), "--quiet").exitCode());
        assertEquals(0, BackpropCommandTest.run("predict", "--model", trained.toString(), "--input", file.toString(),
                "--output", local.toString()).exitCode());
        assertEquals(Files.readAllLines(local), Files.readAllLines(fromTrain));
    }

    @Test
    void aRegressionsLossAndItsFiguresAreTrainsOnSpark() throws IOException {
        Path file = table("values.csv", 300, true);
        Path model = folder.resolve("huber.bpz");
        BackpropCommandTest.Run run = BackpropCommandTest.run("spark", "--master", "local[2]", "--dataset",
                "csv:" + file, "--epochs", "5", "--batch-size", "64", "--loss", "huber", "--clip-predictions", "--save",
                model.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(ModelFile.load(model).loss() instanceof HuberLoss, ModelFile.load(model).loss().toString());
        // --clip-predictions keeps a table regression's predictions in its training targets' range, on either path.
        Path local = folder.resolve("local.bpz");
        assertEquals(0, BackpropCommandTest.run("train", "--dataset", "csv:" + file, "--epochs", "5", "--clip-predictions",
                "--save", local.toString(), "--quiet").exitCode());
        Path plain = folder.resolve("plain.bpz");
        assertEquals(0, BackpropCommandTest.run("train", "--dataset", "csv:" + file, "--epochs", "2", "--save",
                plain.toString(), "--quiet").exitCode());
        List<dev.backprop.core.Layer> unclipped = ((dev.backprop.core.Sequential) ModelFile.load(plain).network()).layers();
        assertTrue(unclipped.get(unclipped.size() - 1) instanceof dev.backprop.layers.Linear, "not clipped by default");
        for (Path saved : List.of(model, local)) {
            List<dev.backprop.core.Layer> layers = ((dev.backprop.core.Sequential) ModelFile.load(saved).network()).layers();
            dev.backprop.layers.RangeClip clip = (dev.backprop.layers.RangeClip) layers.get(layers.size() - 1);
            TabularModel tabular = TabularModel.load(saved);
            double low = clip.low() * tabular.preprocessor().targetScale() + tabular.preprocessor().targetMean();
            double high = clip.high() * tabular.preprocessor().targetScale() + tabular.preprocessor().targetMean();
            assertTrue(low < high && low > -10 && high < 10, saved + ": " + low + " to " + high);
            org.ejml.data.DMatrixRMaj values = tabular.predict(RawTable.read(file, CsvOptions.defaults())).values();
            for (double value : values.data) {
                assertTrue(value >= low - 1e-9 && value <= high + 1e-9, saved + ": " + value);
            }
        }
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("validation: ") && l.contains(", mae ")
                && l.contains(", rmse ") && l.contains(", r2 ")), run.out());
    }
}
