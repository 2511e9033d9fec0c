package dev.backprop.examples.plot;

import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.metrics.AreaUnderRoc;
import dev.backprop.core.metrics.ConfusionMatrix;
import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of a training run, drawn with XChart: loss and accuracy per epoch, the decision
 * regions of a model on 2-D data, a regression's fitted curve, and a confusion matrix.
 */
public final class Charts {

    /** The size of every chart, in pixels. */
    public static final int WIDTH = 800;
    /** The size of every chart, in pixels. */
    public static final int HEIGHT = 600;

    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)
    };

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /**
     * Writes {@code loss.png} and one chart per metric ({@code accuracy.png}; {@code mae.png}, {@code rmse.png},
     * {@code r2.png} for a regression): training and validation per epoch; and {@code learning-rate.png},
     * the rate of every step.
     *
     * @param history the run
     * @param folder where the files go
     * @return the files written
     */
    public static List<Path> history(History history, Path folder) {
        List<EpochResult> epochs = history.epochs();
        double[] x = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i).epoch() + 1;
        }
        List<Path> files = new ArrayList<>();
        files.add(line(folder.resolve("loss.png"), "Loss", x, history.series("loss"),
                hasValidation(history) ? history.series("val_loss") : null));
        // One chart per metric: accuracy.png, or mae.png, rmse.png and r2.png for a regression.
        for (String metric : epochs.isEmpty() ? List.<String>of() : List.copyOf(epochs.get(0).metrics().keySet())) {
            String title = metric.equals("accuracy") ? "Accuracy" : metric.toUpperCase(java.util.Locale.ROOT);
            files.add(line(folder.resolve(metric + ".png"), title, x, history.series(metric),
                    hasValidation(history) && history.last().validationMetrics().containsKey(metric)
                            ? history.series("val_" + metric) : null));
        }
        double[] rates = history.stepLearningRates();
        if (rates.length > 0 && !Double.isNaN(rates[0])) {
            double[] steps = new double[rates.length];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = i + 1;
            }
            files.add(line(folder.resolve("learning-rate.png"), "Learning rate", steps, rates, null, "step"));
        }
        return files;
    }

    private static boolean hasValidation(History history) {
        return history.epochs().stream().anyMatch(epoch -> !Double.isNaN(epoch.validationLoss()));
    }

    private static Path line(Path file, String what, double[] x, double[] train, double[] validation) {
        return line(file, what, x, train, validation, "epoch");
    }

    private static Path line(Path file, String what, double[] x, double[] train, double[] validation, String unit) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(what + " per " + unit)
                .xAxisTitle(unit).yAxisTitle(what.toLowerCase()).build();
        chart.addSeries("training", x, train).setMarker(SeriesMarkers.NONE);
        if (validation != null) {
            // Only the epochs whose validation was measured (FitOptions.validateEvery).
            List<Double> measuredX = new ArrayList<>();
            List<Double> measured = new ArrayList<>();
            for (int i = 0; i < validation.length; i++) {
                if (!Double.isNaN(validation[i])) {
                    measuredX.add(x[i]);
                    measured.add(validation[i]);
                }
            }
            chart.addSeries("validation", measuredX, measured).setMarker(SeriesMarkers.NONE);
        }
        return save(chart, file);
    }

    /**
     * Writes the classes a model predicts over the plane of 2-D data, with the data's points.
     *
     * @param model a classifier of 2-D points
     * @param data the points and their class indices
     * @param classes the number of classes
     * @param file the PNG to write
     * @return the file
     */
    public static Path decisionRegions(Model model, InMemoryDataset data, int classes, Path file) {
        DMatrixRMaj points = data.inputs();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.numRows; i++) {
            minX = Math.min(minX, points.get(i, 0));
            maxX = Math.max(maxX, points.get(i, 0));
            minY = Math.min(minY, points.get(i, 1));
            maxY = Math.max(maxY, points.get(i, 1));
        }
        double padX = 0.1 * (maxX - minX + 1e-9);
        double padY = 0.1 * (maxY - minY + 1e-9);
        int steps = 120;
        DMatrixRMaj grid = new DMatrixRMaj(steps * steps, 2);
        for (int i = 0; i < steps; i++) {
            for (int j = 0; j < steps; j++) {
                grid.set(i * steps + j, 0, minX - padX + (maxX - minX + 2 * padX) * i / (steps - 1));
                grid.set(i * steps + j, 1, minY - padY + (maxY - minY + 2 * padY) * j / (steps - 1));
            }
        }
        DMatrixRMaj predicted = model.predict(grid);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Decision regions")
                .xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(5);
        for (int c = 0; c < classes; c++) {
            List<Double> rx = new ArrayList<>();
            List<Double> ry = new ArrayList<>();
            for (int r = 0; r < grid.numRows; r++) {
                if (argmax(predicted, r) == c) {
                    rx.add(grid.get(r, 0));
                    ry.add(grid.get(r, 1));
                }
            }
            if (!rx.isEmpty()) {
                XYSeries region = chart.addSeries("region " + c, rx, ry);
                region.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                region.setMarker(SeriesMarkers.SQUARE);
                Color color = PALETTE[c % PALETTE.length];
                region.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
            }
        }
        for (int c = 0; c < classes; c++) {
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int r = 0; r < points.numRows; r++) {
                if ((int) data.targets().get(r, 0) == c) {
                    px.add(points.get(r, 0));
                    py.add(points.get(r, 1));
                }
            }
            if (!px.isEmpty()) {
                XYSeries series = chart.addSeries("class " + c, px, py);
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setMarkerColor(PALETTE[c % PALETTE.length].darker());
            }
        }
        return save(chart, file);
    }

    /**
     * Writes a regression model's curve over its 1-D data.
     *
     * @param model a model of one input and one output
     * @param data the points
     * @param file the PNG to write
     * @return the file
     */
    public static Path fit(Model model, InMemoryDataset data, Path file) {
        DMatrixRMaj predicted = model.predict(data.inputs());
        double[] x = data.inputs().data.clone();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Fitted curve")
                .xAxisTitle("x").yAxisTitle("y").build();
        XYSeries points = chart.addSeries("data", x, java.util.Arrays.copyOf(data.targets().data, x.length));
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("model", x, java.util.Arrays.copyOf(predicted.data, x.length)).setMarker(SeriesMarkers.NONE);
        return save(chart, file);
    }

    /**
     * Writes a confusion matrix as a heat map, classes by name.
     *
     * @param matrix the counts
     * @param classNames the classes' names, in index order
     * @param file the PNG to write
     * @return the file
     */
    public static Path confusionMatrix(ConfusionMatrix matrix, List<String> classNames, Path file) {
        return save(confusionMatrixChart(matrix, classNames), file);
    }

    /** The heat map of counts: x the predicted class, y the actual class, both by name. */
    static HeatMapChart confusionMatrixChart(ConfusionMatrix matrix, List<String> classNames) {
        int n = matrix.classes();
        if (classNames.size() != n) {
            throw new IllegalArgumentException("Confusion matrix of " + n + " classes, " + classNames.size() + " names");
        }
        List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < n; actual++) {
            for (int predicted = 0; predicted < n; predicted++) {
                cells.add(new Number[] {predicted, actual, matrix.count(actual, predicted)});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title("Confusion matrix")
                .xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true);
        if (n > 5) {
            chart.getStyler().setXAxisLabelRotation(45); // long class names would overlap
        }
        chart.addSeries("counts", classNames, classNames, cells);
        return chart;
    }

    /**
     * Writes a binary classifier's ROC curve, the true-positive rate against the false-positive rate
     * at every threshold, with its area in the title.
     *
     * @param probabilities n × 1 probabilities of the positive class, or n × 2 class probabilities
     * @param targets 0/1 (n × 1), class indices or one-hot rows
     * @param file the PNG to write
     * @return the file
     */
    public static Path roc(DMatrixRMaj probabilities, DMatrixRMaj targets, Path file) {
        return save(rocChart(probabilities, targets), file);
    }

    /** The ROC curve's points from (0, 0) to (1, 1), one per distinct score. */
    static XYChart rocChart(DMatrixRMaj probabilities, DMatrixRMaj targets) {
        int n = probabilities.numRows;
        int column = probabilities.numCols - 1;
        double[] score = new double[n];
        boolean[] positive = new boolean[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            score[i] = probabilities.get(i, column);
            positive[i] = probabilities.numCols == 1 || targets.numCols == 1 ? targets.get(i, 0) > 0.5
                    : targets.get(i, 1) > 0.5;
            positives += positive[i] ? 1 : 0;
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("A ROC curve needs positive and negative samples; there are "
                    + positives + " and " + negatives);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        List<Double> fpr = new ArrayList<>(List.of(0.0));
        List<Double> tpr = new ArrayList<>(List.of(0.0));
        int truePositives = 0;
        int falsePositives = 0;
        for (int k = 0; k < n; k++) {
            if (positive[order[k]]) {
                truePositives++;
            } else {
                falsePositives++;
            }
            if (k == n - 1 || score[order[k + 1]] != score[order[k]]) {
                fpr.add((double) falsePositives / negatives);
                tpr.add((double) truePositives / positives);
            }
        }
        AreaUnderRoc auc = new AreaUnderRoc();
        auc.update(probabilities, targets);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(java.util.Locale.ROOT, "ROC curve (area %.4f)", auc.value()))
                .xAxisTitle("false-positive rate").yAxisTitle("true-positive rate").build();
        chart.addSeries("ROC", fpr, tpr).setMarker(SeriesMarkers.NONE);
        chart.addSeries("chance", List.of(0.0, 1.0), List.of(0.0, 1.0)).setMarker(SeriesMarkers.NONE);
        return chart;
    }

    private static int argmax(DMatrixRMaj matrix, int row) {
        int best = 0;
        for (int j = 1; j < matrix.numCols; j++) {
            if (matrix.get(row, j) > matrix.get(row, best)) {
                best = j;
            }
        }
        return best;
    }

    private static Path save(Chart<?, ?> chart, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the chart " + file + ": " + e.getMessage(), e);
        }
    }
}
