package dev.backprop.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Fixture;
import java.io.IOException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AUC-ROC, log-loss, top-k accuracy and R² against scikit-learn (sklearn_metrics.py), ties included. */
class ClassificationMetricsTest {

    private static Fixture sklearn;

    @BeforeAll
    static void load() throws IOException {
        sklearn = new Fixture(Fixture.class, "sklearn_metrics.txt");
    }

    private static DMatrixRMaj column(String name) {
        double[] values = sklearn.doubles(name);
        return new DMatrixRMaj(values.length, 1, true, values);
    }

    private static DMatrixRMaj rows(String name, int cols) {
        double[] values = sklearn.doubles(name);
        return new DMatrixRMaj(values.length / cols, cols, true, values);
    }

    /** Feeds the metric in two batches, as an epoch would. */
    private static double inTwoBatches(Metric metric, DMatrixRMaj predictions, DMatrixRMaj targets) {
        metric.reset();
        int half = predictions.numRows / 2;
        metric.update(CommonOps_DDRM.extract(predictions, 0, half, 0, predictions.numCols),
                CommonOps_DDRM.extract(targets, 0, half, 0, targets.numCols));
        metric.update(CommonOps_DDRM.extract(predictions, half, predictions.numRows, 0,
                predictions.numCols), CommonOps_DDRM.extract(targets, half, targets.numRows, 0,
                targets.numCols));
        return metric.value();
    }

    @Test
    void binaryAucAndLogLossWithTies() {
        DMatrixRMaj p = column("binary.p");
        DMatrixRMaj y = column("binary.y");
        assertEquals(sklearn.doubles("binary.auc")[0], inTwoBatches(new AreaUnderRoc(), p, y), 1e-12);
        assertEquals(sklearn.doubles("binary.log_loss")[0], inTwoBatches(new LogLoss(), p, y), 1e-12);
    }

    @Test
    void multiClassAucOneVersusRestLogLossAndTopK() {
        DMatrixRMaj p = rows("multi.p", 4);
        DMatrixRMaj y = column("multi.y");
        assertEquals(sklearn.doubles("multi.auc_ovr_macro")[0], inTwoBatches(new AreaUnderRoc(), p, y), 1e-12);
        assertEquals(sklearn.doubles("multi.log_loss")[0], inTwoBatches(new LogLoss(), p, y), 1e-12);
        TopKAccuracy top2 = new TopKAccuracy(2);
        assertEquals(sklearn.doubles("multi.top2")[0], inTwoBatches(top2, rows("multi.p_untied", 4), y), 1e-12);
        assertEquals("top2_accuracy", top2.name());
    }

    @Test
    void rSquaredAsScikitLearnsR2Score() {
        DMatrixRMaj y = column("regression.y");
        assertEquals(sklearn.doubles("regression.r2")[0], inTwoBatches(new RSquared(), column("regression.p"), y), 1e-12);
        assertEquals(sklearn.doubles("regression.r2_perfect")[0], inTwoBatches(new RSquared(), y, y), 1e-12);
    }

    @Test
    void oneClassPresentIsAClearError() {
        AreaUnderRoc auc = new AreaUnderRoc();
        auc.update(new DMatrixRMaj(new double[][] {{0.2}, {0.7}}), new DMatrixRMaj(new double[][] {{1}, {1}}));
        IllegalStateException error = assertThrows(IllegalStateException.class, auc::value);
        assertTrue(error.getMessage().contains("needs both"), error.getMessage());
        assertTrue(Double.isNaN(new LogLoss().value()), "before any batch");
    }
}
