package dev.backprop.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.core.metrics.ConfusionMatrix;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYSeries;

/** What the confusion-matrix chart shows, cell by cell: not only that a PNG is written. */
class ChartsTest {

    @Test
    void everyCellOfTheConfusionMatrixIsDrawnWhereItBelongs() {
        // Four classes; row r of the targets is class r % 4, predicted as (r + r / 4) % 4, so counts differ per cell.
        int n = 4;
        DMatrixRMaj predictions = new DMatrixRMaj(40, n);
        DMatrixRMaj targets = new DMatrixRMaj(40, 1);
        for (int r = 0; r < 40; r++) {
            targets.data[r] = r % n;
            predictions.set(r, ((r % n) + (r / 7)) % n, 1);
        }
        ConfusionMatrix matrix = new ConfusionMatrix(n).add(predictions, targets);
        List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress");
        HeatMapChart chart = Charts.confusionMatrixChart(matrix, names);
        HeatMapSeries series = chart.getSeriesMap().get("counts");
        assertEquals(names, series.getXData());
        assertEquals(names, series.getYData());
        assertEquals(n * n, series.getHeatData().size(), "one cell per (actual, predicted) pair");
        long[][] drawn = new long[n][n];
        for (Number[] cell : series.getHeatData()) {
            drawn[cell[1].intValue()][cell[0].intValue()] = cell[2].longValue();
        }
        for (int actual = 0; actual < n; actual++) {
            long[] expected = new long[n];
            for (int predicted = 0; predicted < n; predicted++) {
                expected[predicted] = matrix.count(actual, predicted);
            }
            assertArrayEquals(expected, drawn[actual], "row of " + names.get(actual));
        }
    }

    @Test
    void theRocCurveStepsThroughEveryThreshold() {
        DMatrixRMaj scores = new DMatrixRMaj(new double[][] {{0.9}, {0.8}, {0.7}, {0.6}, {0.6}});
        DMatrixRMaj labels = new DMatrixRMaj(new double[][] {{1}, {0}, {1}, {0}, {1}});
        XYSeries curve = Charts.rocChart(scores, labels).getSeriesMap().get("ROC");
        // Thresholds 0.9, 0.8, 0.7, then 0.6 for two samples at once (a tie is one step).
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, curve.getXData(), 1e-15);
        assertArrayEquals(new double[] {0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 1}, curve.getYData(), 1e-15);
    }
}
