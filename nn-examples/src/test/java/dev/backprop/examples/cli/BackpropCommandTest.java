package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.linalg.Gemm;
import dev.backprop.core.train.Model;
import dev.backprop.data.BookDatasets;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackpropCommandTest {

    @TempDir
    Path folder;

    /** The outcome of one run of the command. */
    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackpropCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    static void assertPng(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " exists");
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, file + " is a PNG");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(800, image.getWidth(), file.toString());
        assertEquals(600, image.getHeight(), file.toString());
    }

    @Test
    void trainsTheSpiralSavesItAndDrawsItsCharts() throws IOException {
        Path model = folder.resolve("spiral.bpz");
        Path charts = folder.resolve("charts");
        Run run = run("train", "--epochs", "300", "--save", model.toString(), "--plot", charts.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("epoch 300: loss"), run.out());
        assertTrue(run.out().contains("validation: loss"), run.out());
        assertPng(charts.resolve("loss.png"));
        assertPng(charts.resolve("accuracy.png"));
        assertPng(charts.resolve("decision-regions.png"));
        assertEquals("spiral", ModelFile.read(model).metadata().get("dataset"));

        Run evaluation = run("evaluate", "--model", model.toString(), "--dataset", "spiral", "--plot", charts.toString());
        assertEquals(0, evaluation.exitCode(), evaluation.err());
        assertPng(charts.resolve("confusion-matrix.png"));
        assertTrue(evaluation.out().contains(", accuracy 0."), evaluation.out());
        assertTrue(evaluation.out().contains("precision"), evaluation.out());
        assertTrue(evaluation.out().contains("actual\\predicted"), evaluation.out());

        Path input = Files.writeString(folder.resolve("points.csv"), "x,y\n0.1,0.2\n-0.5,0.4\n");
        Run prediction = run("predict", "--model", model.toString(), "--input", input.toString());
        assertEquals(0, prediction.exitCode(), prediction.err());
        List<String> lines = prediction.out().lines().toList();
        assertEquals("class,p0,p1,p2", lines.get(0));
        assertEquals(3, lines.size());
        String[] cells = lines.get(1).split(",");
        double sum = Double.parseDouble(cells[1]) + Double.parseDouble(cells[2]) + Double.parseDouble(cells[3]);
        assertEquals(1.0, sum, 1e-4);
    }

    @Test
    void normalisationLayersTrainSaveAndEvaluate() throws IOException {
        for (String norm : List.of("batch", "layer")) {
            Path model = folder.resolve(norm + ".bpz");
            // 300 spiral points in batches of 299 leave a last batch of one: BatchNorm's batches grow by one.
            Run run = run("train", "--norm", norm, "--epochs", "30", "--batch-size", "299", "--save", model.toString(),
                    "--quiet");
            assertEquals(0, run.exitCode(), run.err());
            Sequential network = (Sequential) ModelFile.load(model).network();
            assertEquals(norm.equals("batch") ? "BatchNorm(64)" : "LayerNorm(64)", network.layers().get(1).toString());
            Run evaluation = run("evaluate", "--model", model.toString());
            assertEquals(0, evaluation.exitCode(), evaluation.err());
        }
        assertEquals(2, run("train", "--norm", "group").exitCode());
    }

    @Test
    void schedulesShapeTheLearningRateAndAreSaved() throws IOException {
        Path model = folder.resolve("cosine.bpz");
        Run cosine = run("train", "--epochs", "100", "--schedule", "warmup:10,cosine", "--save", model.toString(),
                "--plot", folder.resolve("lr").toString(), "--quiet");
        assertEquals(0, cosine.exitCode(), cosine.err());
        // The book's spiral: full batch, one step per epoch; the last of 100 steps is 89 steps into a
        // cosine of 90: 0.05 · (1 + cos(π·89/90)) / 2.
        double last = 0.05 * (1 + Math.cos(Math.PI * 89 / 90)) / 2;
        String epochLine = cosine.out().lines().filter(l -> l.startsWith("epoch 100:")).findFirst().orElseThrow();
        assertEquals(last, Double.parseDouble(epochLine.replaceAll(".*, lr (\\S+)$", "$1")), 0.005 * last, epochLine);
        assertPng(folder.resolve("lr").resolve("learning-rate.png"));
        dev.backprop.optim.GradientDescent saved = (dev.backprop.optim.GradientDescent) ModelFile.load(model).optimizer();
        assertTrue(saved.schedule() instanceof dev.backprop.optim.Schedules.Warmup, saved.schedule().toString());

        Run plateau = run("train", "--epochs", "60", "--schedule", "plateau:0.5,2", "--learning-rate", "0.5",
                "--quiet");
        assertEquals(0, plateau.exitCode(), plateau.err());
        assertEquals(2, run("train", "--schedule", "sawtooth").exitCode());
        Path coslog = folder.resolve("coslog.bpz");
        assertEquals(0, run("train", "--epochs", "30", "--schedule", "coslog:2", "--save", coslog.toString(), "--quiet")
                .exitCode());
        assertEquals(new dev.backprop.optim.Schedules.CosLog(30, 2),
                ((dev.backprop.optim.GradientDescent) ModelFile.load(coslog).optimizer()).schedule());
        assertEquals(2, run("train", "--schedule", "coslog:0").exitCode());
        assertEquals(2, run("train", "--schedule", "cosine", "--decay", "1e-3").exitCode());
    }

    @Test
    void theSineRegressionDrawsItsFittedCurve() throws IOException {
        Path charts = folder.resolve("sine");
        Run run = run("train", "--dataset", "sine", "--epochs", "50", "--plot", charts.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertPng(charts.resolve("fit.png"));
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedOneDoes() throws IOException {
        String[] common = {"train", "--batch-size", "32", "--shuffle", "epoch", "--dropout", "0.1", "--quiet",
            "--learning-rate", "0.01"};
        Path checkpoints = folder.resolve("checkpoints");
        Path whole = folder.resolve("whole.bpz");
        Path resumed = folder.resolve("resumed.bpz");
        assertEquals(0, run(concat(common, "--epochs", "5", "--save", whole.toString())).exitCode());
        // The first run stops after 3 epochs, as if killed; the second resumes from its checkpoint.
        assertEquals(0, run(concat(common, "--epochs", "3", "--checkpoint-dir", checkpoints.toString())).exitCode());
        Run second = run(concat(common, "--epochs", "5", "--checkpoint-dir", checkpoints.toString(), "--resume",
                "--save", resumed.toString()));
        assertEquals(0, second.exitCode(), second.err());
        Model a = ModelFile.load(whole);
        Model b = ModelFile.load(resumed);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).value().data, b.parameters().get(i).value().data, 0.0);
        }
    }

    @Test
    void trainsOnACsvFile() throws IOException {
        InMemoryDataset vertical = BookDatasets.vertical(60, 3, new NumpyRandom(0));
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < vertical.size(); i++) {
            csv.append(vertical.inputs().get(i, 0)).append(',').append(vertical.inputs().get(i, 1)).append(',')
                    .append((int) vertical.targets().get(i, 0)).append('\n');
        }
        Path file = Files.writeString(folder.resolve("vertical.csv"), csv);
        Run run = run("train", "--dataset", "csv:" + file, "--epochs", "60", "--learning-rate", "0.02", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        String validation = run.out().lines().filter(l -> l.startsWith("validation")).findFirst().orElseThrow();
        double accuracy = Double.parseDouble(validation.replaceAll(".*accuracy ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.9, validation);
    }

    @Test
    void badUsageExitsWithTwoAndOneLine() {
        for (String[] args : List.of(
                new String[] {"train", "--epochs", "0"},
                new String[] {"train", "--dataset", "imagenet"},
                new String[] {"train", "--optimizer", "lbfgs"},
                new String[] {"train", "--learning-rate", "-1"},
                new String[] {"train", "--no-such-option"},
                new String[] {"train", "--resume"},
                new String[] {"train", "--precision", "float16"},
                new String[] {"spark", "--epochs", "0"},
                new String[] {"spark", "--local-steps", "0"},
                new String[] {"spark", "--dataset", "imagenet"},
                new String[] {"evaluate"},
                new String[] {"frobnicate"})) {
            Run run = run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(!run.err().isBlank() && !run.err().contains("\tat "), run.err());
        }
    }

    @Test
    void failuresExitWithOneAndNoStackTrace() throws IOException {
        Run missing = run("evaluate", "--model", folder.resolve("none.bpz").toString());
        assertEquals(1, missing.exitCode());
        assertEquals("backprop: error: No model file at " + folder.resolve("none.bpz"), missing.err().trim());
        Path bad = Files.writeString(folder.resolve("bad.csv"), "a,label\n1,0\n2,1,3\n");
        Run csv = run("train", "--dataset", "csv:" + bad, "--epochs", "1");
        assertEquals(1, csv.exitCode());
        assertTrue(csv.err().contains("bad.csv: line 3 has 3 fields where the header has 2"), csv.err());
        Run fashion = run("train", "--dataset", "fashion-mnist", "--data-dir", folder.toString());
        assertEquals(1, fashion.exitCode());
        assertTrue(fashion.err().contains("no train-images-idx3-ubyte(.gz) in " + folder), fashion.err());
        Run verbose = run("evaluate", "--model", folder.resolve("none.bpz").toString(), "--verbose");
        assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack trace");
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    /** Trains with the given options, saves the model and returns its parameters, flattened. */
    private double[] trainedWeights(String name, String... options) {
        Path model = folder.resolve(name + ".bpz");
        Run run = run(concat(options, "--save", model.toString(), "--quiet"));
        assertEquals(0, run.exitCode(), run.err());
        return ModelFile.load(model).parameters().stream()
                .flatMapToDouble(p -> java.util.Arrays.stream(p.value().data)).toArray();
    }

    private static double largestDifference(double[] a, double[] b) {
        double worst = 0;
        for (int j = 0; j < a.length; j++) {
            worst = Math.max(worst, Math.abs(a[j] - b[j]));
        }
        return worst;
    }

    @Test
    void threadsGiveTheSameModelWhateverTheirNumber() {
        String[] train = {"train", "--dataset", "spiral", "--epochs", "30", "--batch-size", "64"};
        assertArrayEquals(trainedWeights("threads-1", concat(train, "--threads", "1")),
                trainedWeights("threads-3", concat(train, "--threads", "3")), 0.0);
        Run refused = run("train", "--dataset", "spiral", "--threads", "0");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("--threads"), refused.err());
    }

    /**
     * Float32 products on shards: every worker thread computes in the precision asked for, so one
     * and two threads give the same weights, and they are not those of double products.
     */
    @Test
    void float32ProductsOnEveryThread() {
        assumeTrue(Gemm.shared().backend().supportsFloat32(), "float32 products need OpenBLAS, not -Dbackprop.gemm=ejml");
        // Shards of 150 rows: products large enough for OpenBLAS (small ones run on EJML, in double).
        String[] train = {"train", "--dataset", "spiral", "--epochs", "20", "--batch-size", "300", "--shards", "2",
            "--hidden", "128"};
        double[] one = trainedWeights("float32-1", concat(train, "--threads", "1", "--precision", "float32"));
        double[] two = trainedWeights("float32-2", concat(train, "--threads", "2", "--precision", "float32"));
        double[] inDouble = trainedWeights("float64-2", concat(train, "--threads", "2"));
        assertArrayEquals(one, two, 0.0);
        double worst = largestDifference(one, inDouble);
        assertTrue(worst > 1e-9, "float32 products change the weights: " + worst);
    }

    /** The shards decide the rounding of the gradients' sum: another number, other weights; the threads never. */
    @Test
    void shardsChooseTheSplitAndThreadsDoNot() {
        String[] train = {"train", "--dataset", "spiral", "--epochs", "30", "--batch-size", "64"};
        double[] twoOnOne = trainedWeights("shards-2-1", concat(train, "--threads", "1", "--shards", "2"));
        double[] twoOnTwo = trainedWeights("shards-2-2", concat(train, "--threads", "2", "--shards", "2"));
        double[] threeOnTwo = trainedWeights("shards-3-2", concat(train, "--threads", "2", "--shards", "3"));
        assertArrayEquals(twoOnOne, twoOnTwo, 0.0);
        double worst = largestDifference(twoOnOne, threeOnTwo);
        assertTrue(worst > 0 && worst < 1e-9, "2 and 3 shards differ only in rounding: " + worst);
        Run refused = run("train", "--dataset", "spiral", "--shards", "2");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("--threads"), refused.err());
    }
}
