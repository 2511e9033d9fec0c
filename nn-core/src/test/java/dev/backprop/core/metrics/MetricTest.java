package dev.backprop.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MetricTest {

    private static final DMatrixRMaj SCORES = new DMatrixRMaj(new double[][] {
        {0.7, 0.2, 0.1}, {0.1, 0.5, 0.4}, {0.02, 0.9, 0.08}, {0.3, 0.3, 0.4}
    });

    @Test
    void categoricalAccuracyTakesIndicesOrOneHotAndAccumulates() {
        CategoricalAccuracy accuracy = new CategoricalAccuracy();
        assertTrue(Double.isNaN(accuracy.value()));
        accuracy.update(SCORES, new DMatrixRMaj(new double[][] {{0}, {1}, {1}, {0}}));
        assertEquals(0.75, accuracy.value(), 0.0);
        accuracy.update(SCORES, new DMatrixRMaj(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
        assertEquals(5 / 8.0, accuracy.value(), 0.0);
        accuracy.reset();
        assertTrue(Double.isNaN(accuracy.value()));
    }

    @Test
    void binaryAccuracyThresholdsAtOneHalf() {
        BinaryAccuracy accuracy = new BinaryAccuracy();
        accuracy.update(new DMatrixRMaj(new double[][] {{0.9, 0.2}, {0.5, 0.51}}),
                new DMatrixRMaj(new double[][] {{1, 0}, {1, 1}}));
        assertEquals(0.75, accuracy.value(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> accuracy.update(SCORES, new DMatrixRMaj(4, 1)));
    }

    @Test
    void regressionAccuracyUsesTheBooksPrecision() {
        DMatrixRMaj targets = new DMatrixRMaj(new double[][] {{1}, {3}});
        RegressionAccuracy accuracy = RegressionAccuracy.forTargets(targets);
        assertEquals(1.0 / 250, accuracy.precision(), 0.0);
        accuracy.update(new DMatrixRMaj(new double[][] {{1.003}, {3.005}}), targets);
        assertEquals(0.5, accuracy.value(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new RegressionAccuracy(0));
    }

    @Test
    void confusionMatrixCountsAndScoresEachClass() {
        ConfusionMatrix matrix = new ConfusionMatrix(3)
                .add(SCORES, new DMatrixRMaj(new double[][] {{0}, {1}, {1}, {0}}));
        // Predicted 0, 1, 1, 2 for actual 0, 1, 1, 0.
        assertEquals(1, matrix.count(0, 0));
        assertEquals(1, matrix.count(0, 2));
        assertEquals(2, matrix.count(1, 1));
        assertEquals(4, matrix.total());
        assertEquals(0.75, matrix.accuracy(), 0.0);
        assertEquals(1.0, matrix.precision(0), 0.0);
        assertEquals(0.5, matrix.recall(0), 0.0);
        assertEquals(2 * 0.5 / 1.5, matrix.f1(0), 1e-15);
        assertEquals(0.0, matrix.precision(2), 0.0, "predicted once, wrongly");
        assertEquals(0.0, matrix.recall(2), 0.0, "never present");
        assertEquals(0.0, matrix.f1(2), 0.0);
        assertTrue(matrix.toString().contains("precision"), matrix.toString());
        assertThrows(IllegalArgumentException.class,
                () -> matrix.add(SCORES, new DMatrixRMaj(new double[][] {{0}, {1}, {5}, {0}})));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(1));
    }

    @Test
    void regressionErrorsByHandOverTwoBatches() {
        AbsoluteError mae = new AbsoluteError(2);
        RootMeanSquaredError rmse = new RootMeanSquaredError(2);
        RSquared r2 = new RSquared();
        for (Metric metric : List.of(mae, rmse, r2)) {
            metric.reset();
            metric.update(new DMatrixRMaj(new double[][] {{1.5}, {2}}), new DMatrixRMaj(new double[][] {{1}, {2}}));
            metric.update(new DMatrixRMaj(new double[][] {{2}}), new DMatrixRMaj(new double[][] {{3}}));
        }
        // errors 0.5, 0, −1; targets 1, 2, 3 (mean 2, Σ(y − ȳ)² = 2)
        assertEquals(2 * 1.5 / 3, mae.value(), 1e-15);
        assertEquals(2 * Math.sqrt(1.25 / 3), rmse.value(), 1e-15);
        assertEquals(1 - 1.25 / 2, r2.value(), 1e-15);
        assertEquals("mae", mae.name());
        r2.reset();
        r2.update(new DMatrixRMaj(new double[][] {{1}}), new DMatrixRMaj(new double[][] {{4}}));
        assertTrue(Double.isNaN(r2.value()), "one target: R² is undefined");
    }
}
