package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.io.ModelFile;
import dev.backprop.data.tabular.CsvOptions;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.layers.CategoricalCrossEntropy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command on CSV tables of real shape: train, evaluate every row, predict raw rows, bad files. */
class TableCommandTest {

    @TempDir
    Path folder;

    /** Magnitudes from 1e-3 to 1e4, a text column with missing cells, a text label (imbalanced) and a score. */
    private static String table(int rows, long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        String[] soils = {"clay", "sand", "loam"};
        StringBuilder csv = new StringBuilder("acidity;rain;altitude;soil;crop;yield\n");
        for (int r = 0; r < rows; r++) {
            double acidity = random.uniform(0, 0.004);
            double rain = random.uniform(0.2, 4);
            double altitude = random.uniform(200, 9000);
            String soil = soils[(int) (random.uniform(0, 1) * 3)];
            double signal = (acidity - 0.002) / 0.0012 + (rain - 2.1) / 1.1 - (altitude - 4600) / 2600
                    + (soil.equals("loam") ? 1 : soil.equals("clay") ? -1 : 0);
            String crop = signal > 1.0 ? "barley" : signal > -0.4 ? "wheat" : "rye, winter";
            csv.append(String.format(Locale.ROOT, "%.5f;%.3f;%.0f;%s;\"%s\";%.2f%n", acidity, rain, altitude,
                    r % 29 == 7 ? "NA" : soil, crop, 3 + signal + 0.3 * random.nextGaussian()));
        }
        return csv.toString();
    }

    private static String without(String csv, int column) {
        StringBuilder out = new StringBuilder();
        for (String line : csv.split("\n")) {
            List<String> cells = new java.util.ArrayList<>(List.of(line.split(";", -1)));
            cells.remove(column);
            out.append(String.join(";", cells)).append('\n');
        }
        return out.toString();
    }

    @Test
    void trainEvaluateAndPredictRawFilesThroughTheSavedPreprocessing() throws IOException {
        Path train = Files.writeString(folder.resolve("train.csv"), without(table(800, 1), 5));
        Path test = Files.writeString(folder.resolve("test.csv"), without(table(300, 2), 5));
        Path model = folder.resolve("crops.bpz");
        BackpropCommandTest.Run run = BackpropCommandTest.run("train", "--dataset", "csv:" + train, "--test",
                "csv:" + test, "--label-column", "crop", "--missing", "most-frequent", "--save", model.toString(),
                "--plot", folder.resolve("charts").toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        String testLine = run.out().lines().filter(l -> l.startsWith("test:")).findFirst().orElseThrow();
        assertTrue(testLine.contains("(300 rows)"), testLine);
        double accuracy = Double.parseDouble(testLine.replaceAll(".*accuracy ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.85, testLine);

        BackpropCommandTest.Run evaluation = BackpropCommandTest.run("evaluate", "--model", model.toString(),
                "--dataset", "csv:" + test);
        assertEquals(0, evaluation.exitCode(), evaluation.err());
        assertTrue(evaluation.out().startsWith("samples: 300"), "every row: " + evaluation.out());
        assertTrue(evaluation.out().contains("rye, winter"), "the report names the classes: " + evaluation.out());

        Path predictions = folder.resolve("predictions.csv");
        BackpropCommandTest.Run prediction = BackpropCommandTest.run("predict", "--model", model.toString(), "--input",
                test.toString(), "--output", predictions.toString());
        assertEquals(0, prediction.exitCode(), prediction.err());
        List<String> lines = Files.readAllLines(predictions, StandardCharsets.UTF_8);
        assertEquals("crop,p_barley,p_rye, winter,p_wheat".replace("p_rye, winter", "\"p_rye, winter\""), lines.get(0));
        assertEquals(301, lines.size(), "a header and one line per row, the label column left out");

        // The file's predictions are the saved model's, as the library gives them.
        TabularModel loaded = TabularModel.load(model);
        TabularModel.Predictions expected = loaded.predict(RawTable.read(test, CsvOptions.defaults()));
        RawTable written = RawTable.read(predictions, CsvOptions.defaults());
        for (int r = 0; r < 300; r++) {
            assertEquals(expected.predictedClass(r), written.cell(r, 0));
            for (int c = 0; c < 3; c++) {
                assertEquals(expected.probabilities().get(r, c), Double.parseDouble(written.cell(r, c + 1)), 1e-6);
            }
        }
    }

    @Test
    void balancedClassWeightsWeighTheLossByTheTrainingCounts() throws IOException {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(',').append(i < 90 ? "common" : "rare").append('\n');
        }
        Path file = Files.writeString(folder.resolve("imbalanced.csv"), csv);
        Path model = folder.resolve("weighted.bpz");
        BackpropCommandTest.Run run = BackpropCommandTest.run("train", "--dataset", "csv:" + file, "--validation-split",
                "0", "--epochs", "2", "--class-weight", "balanced", "--save", model.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        CategoricalCrossEntropy loss = (CategoricalCrossEntropy) ModelFile.load(model).loss();
        assertArrayEquals(new double[] {100.0 / (2 * 90), 100.0 / (2 * 10)}, loss.classWeights(), 1e-12,
                "samples / (classes · class samples), saved with the model");
        BackpropCommandTest.Run explicit = BackpropCommandTest.run("train", "--dataset", "csv:" + file,
                "--validation-split", "0", "--epochs", "1", "--class-weight", "rare=5", "--save", model.toString(),
                "--quiet");
        assertEquals(0, explicit.exitCode(), explicit.err());
        assertArrayEquals(new double[] {1, 5}, ((CategoricalCrossEntropy) ModelFile.load(model).loss()).classWeights(),
                0.0);
        assertEquals(2, BackpropCommandTest.run("train", "--dataset", "csv:" + file, "--class-weight", "nope=2")
                .exitCode());
        BackpropCommandTest.Run smoothed = BackpropCommandTest.run("train", "--dataset", "csv:" + file,
                "--validation-split", "0", "--epochs", "1", "--label-smoothing", "0.1", "--save", model.toString(),
                "--quiet");
        assertEquals(0, smoothed.exitCode(), smoothed.err());
        assertEquals(0.1, ((CategoricalCrossEntropy) ModelFile.load(model).loss()).labelSmoothing());
        assertEquals(2, BackpropCommandTest.run("train", "--dataset", "csv:" + file, "--label-smoothing", "0.1",
                "--class-weight", "balanced").exitCode());
    }

    @Test
    void crossValidationReportsEachFoldAndTheMeanAndDeviation() throws IOException {
        Path file = Files.writeString(folder.resolve("cv.csv"), without(table(300, 5), 5));
        BackpropCommandTest.Run run = BackpropCommandTest.run("cv", "--dataset", "csv:" + file, "--label-column", "crop",
                "--missing", "most-frequent", "--folds", "3", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.out());
        double sum = 0;
        for (int f = 0; f < 3; f++) {
            assertTrue(lines.get(f).startsWith("fold " + (f + 1) + "/3: loss"), lines.get(f));
            sum += Double.parseDouble(lines.get(f).replaceAll(".*accuracy ([0-9.]+).*", "$1"));
        }
        double mean = Double.parseDouble(lines.get(3).replaceAll(".*accuracy ([0-9.]+) ± .*", "$1"));
        assertEquals(sum / 3, mean, 1e-4, lines.get(3));
        assertTrue(mean > 0.8, lines.get(3));
    }

    @Test
    void aBinaryClassifierReportsItsAucAndDrawsItsRocCurve() throws IOException {
        NumpyRandom random = new NumpyRandom(9);
        StringBuilder csv = new StringBuilder("a,b,outcome\n");
        for (int i = 0; i < 400; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            csv.append(a).append(',').append(b).append(',').append(a + 0.5 * b + random.nextGaussian() > 0 ? "yes" : "no")
                    .append('\n');
        }
        Path file = Files.writeString(folder.resolve("binary.csv"), csv);
        Path charts = folder.resolve("binary-charts");
        BackpropCommandTest.Run run = BackpropCommandTest.run("train", "--dataset", "csv:" + file, "--metric",
                "auc,top1", "--plot", charts.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        String validation = run.out().lines().filter(l -> l.startsWith("validation:")).findFirst().orElseThrow();
        double auc = Double.parseDouble(validation.replaceAll(".*auc ([0-9.]+).*", "$1"));
        double accuracy = Double.parseDouble(validation.replaceAll(".*, accuracy ([0-9.]+).*", "$1"));
        double top1 = Double.parseDouble(validation.replaceAll(".*top1_accuracy ([0-9.]+).*", "$1"));
        assertTrue(auc > 0.75 && auc <= 1, validation);
        assertEquals(accuracy, top1, 1e-12, "top-1 accuracy is the accuracy: " + validation);
        BackpropCommandTest.assertPng(charts.resolve("roc.png"));
        BackpropCommandTest.assertPng(charts.resolve("auc.png"));
        assertEquals(2, BackpropCommandTest.run("train", "--metric", "nonsense").exitCode());
    }

    @Test
    void aRegressionTargetIsNotTakenForClasses() throws IOException {
        Path train = Files.writeString(folder.resolve("yield.csv"), without(table(600, 3), 4));
        Path charts = folder.resolve("yield-charts");
        BackpropCommandTest.Run run = BackpropCommandTest.run("train", "--dataset", "csv:" + train, "--label-column",
                "yield", "--missing", "mean", "--plot", charts.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        for (String chart : List.of("loss.png", "mae.png", "rmse.png", "r2.png")) {
            BackpropCommandTest.assertPng(charts.resolve(chart));
        }
        String validation = run.out().lines().filter(l -> l.startsWith("validation:")).findFirst().orElseThrow();
        assertTrue(validation.contains("mae") && validation.contains("rmse") && validation.contains("r2"), validation);
        double r2 = Double.parseDouble(validation.replaceAll(".*r2 ([0-9.-]+).*", "$1"));
        assertTrue(r2 > 0.8, validation);
    }

    @Test
    void badTablesEndWithOneLineAndExitOne() throws IOException {
        String good = "a,label\n1,x\n2,y\n3,x\n4,y\n5,x\n";
        Object[][] cases = {
            {"ragged.csv", "a,label\n1,x\n2,y,3\n", "line 3 has 3 fields"},
            {"nolabel.csv", "a,b\n1,2\n3,4\n", "no label column 'label'"},
            {"duplicate.csv", "a,a,label\n1,2,x\n", "two columns 'a'"},
            {"empty.csv", "", "is empty"},
            {"header.csv", "a,label\n", "has a header but no rows"},
            {"oneclass.csv", "a,label\n1,x\n2,x\n3,x\n4,x\n5,x\n", "at least two classes"},
            {"missing.csv", "a,label\n1,x\n,y\n3,x\n4,y\n5,x\n", "line 3, column 'a' is missing"},
            {"nolabel-cell.csv", "a,label\n1,x\n2,\n3,x\n4,y\n5,x\n", "line 3 has no label in column 'label'"},
        };
        for (Object[] c : cases) {
            Path file = Files.writeString(folder.resolve((String) c[0]), (String) c[1]);
            // Missing feature cells are refused with --missing error only; a missing label always.
            BackpropCommandTest.Run run = BackpropCommandTest.run("train", "--dataset", "csv:" + file, "--label-column",
                    "label", "--epochs", "1", "--missing", "error");
            assertEquals(1, run.exitCode(), c[0] + ": " + run.err());
            assertEquals(1, run.err().trim().lines().count(), run.err());
            assertTrue(run.err().contains((String) c[2]) && run.err().contains((String) c[0]), run.err());
        }
        Path missing = folder.resolve("missing.csv");
        Path filledModel = folder.resolve("filled.bpz");
        BackpropCommandTest.Run filled = BackpropCommandTest.run("train", "--dataset", "csv:" + missing, "--epochs", "1",
                "--validation-split", "0", "--save", filledModel.toString(), "--quiet");
        assertEquals(0, filled.exitCode(), "by default a missing number is filled: " + filled.err());
        assertEquals(new dev.backprop.data.tabular.Feature("a", true, 3.25, Math.sqrt(2.1875), 3.5, List.of(), true),
                dev.backprop.data.tabular.TabularModel.load(filledModel).preprocessor().features().get(0),
                "the median of 1, 3, 4, 5, and an indicator");
        Path latin1 = folder.resolve("latin1.csv");
        Files.write(latin1, "a,label\n1,caf\u00e9\n2,x\n".getBytes(StandardCharsets.ISO_8859_1));
        BackpropCommandTest.Run notUtf8 = BackpropCommandTest.run("train", "--dataset", "csv:" + latin1);
        assertEquals(1, notUtf8.exitCode());
        assertTrue(notUtf8.err().contains("is not UTF-8"), notUtf8.err());

        Path train = Files.writeString(folder.resolve("good.csv"), good);
        Path model = folder.resolve("m.bpz");
        assertEquals(0, BackpropCommandTest.run("train", "--dataset", "csv:" + train, "--epochs", "2", "--save",
                model.toString(), "--validation-split", "0", "--quiet").exitCode());
        Path other = Files.writeString(folder.resolve("other.csv"), "b,label\n1,x\n");
        Path output = folder.resolve("out.csv");
        BackpropCommandTest.Run differs = BackpropCommandTest.run("predict", "--model", model.toString(), "--input",
                other.toString(), "--output", output.toString());
        assertEquals(1, differs.exitCode());
        assertTrue(differs.err().contains("the model's column 'a' is not in the file"), differs.err());
        assertFalse(Files.exists(output), "no output file is written half-way");
        try (var files = Files.list(folder)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    @Test
    void theLabelIgnoresCaseTheKeptWeightsAreNamedAndTheModelListsColumnsInTheFilesOrder() throws IOException {
        StringBuilder csv = new StringBuilder("zeta,alpha,Class\n");
        dev.backprop.core.NumpyRandom random = new dev.backprop.core.NumpyRandom(8);
        for (int r = 0; r < 200; r++) {
            double zeta = random.nextGaussian();
            String alpha = random.uniform(0, 1) < 0.5 ? "left" : "right";
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%s,%s%n", zeta, alpha,
                    zeta + (alpha.equals("left") ? 0.5 : -0.5) > 0 ? "up" : "down"));
        }
        Path file = Files.writeString(folder.resolve("twin.csv"), csv);
        Path model = folder.resolve("twin.bpz");
        BackpropCommandTest.Run run = BackpropCommandTest.run("train", "--dataset", "csv:" + file, "--label-column",
                "class", "--patience", "1", "--epochs", "300", "--save", model.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("kept: the weights of epoch \\d+, the lowest validation "
                + "loss \\(the epoch line is of epoch \\d+, the last trained\\).*")), run.out());

        BackpropCommandTest.Run inspect = BackpropCommandTest.run("inspect", model.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().indexOf("  zeta ") < inspect.out().indexOf("  alpha "), inspect.out());

        Path unlabelled = Files.writeString(folder.resolve("new.csv"), "zeta,alpha\n0.5,left\n");
        BackpropCommandTest.Run evaluate = BackpropCommandTest.run("evaluate", "--model", model.toString(),
                "--dataset", "csv:" + unlabelled);
        assertEquals(1, evaluate.exitCode());
        assertTrue(evaluate.err().contains(unlabelled + " has no column 'Class', the label the model learned"),
                evaluate.err());
    }
}
