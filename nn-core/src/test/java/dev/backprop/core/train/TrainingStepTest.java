package dev.backprop.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.ColumnScale;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.SumOfSquares;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TrainingStepTest {

    /** Records the gradients it is given, changes nothing. */
    private static final class Recorder implements Optimizer {
        double[] seen;

        @Override
        public void step(List<Parameter> parameters) {
            seen = parameters.get(0).grad().data.clone();
        }
    }

    private static TrainingStep step() {
        return new TrainingStep(new Sequential(ColumnScale.plain(2, -1)), new SumOfSquares());
    }

    @Test
    void gradientsByHandThenClippedByNormThenByValue() {
        TrainingStep step = step();
        // y = x ⊙ s, loss = mean Σ (y − t)²: ds_j = 2/n Σ_rows (y − t)_j x_j
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj t = new DMatrixRMaj(2, 2);
        double loss = step.computeGradients(x, t);
        assertEquals((4 + 4 + 36 + 16) / 2.0, loss, 1e-12);
        double[] grad = {2.0 / 2 * (2 * 1 + 6 * 3), 2.0 / 2 * (-2 * 2 + -4 * 4)};
        assertArrayEquals(grad, step.parameters().get(0).grad().data, 1e-12);

        Recorder recorder = new Recorder();
        double norm = Math.hypot(grad[0], grad[1]);
        assertEquals(Double.NaN, step.update(recorder, 10, Double.POSITIVE_INFINITY, 0, 0), "no rate to report");
        assertArrayEquals(new double[] {grad[0] * 10 / norm, grad[1] * 10 / norm}, recorder.seen, 1e-12);

        step.computeGradients(x, t);
        step.update(recorder, Double.POSITIVE_INFINITY, 5, 0, 0);
        assertArrayEquals(new double[] {5, -5}, recorder.seen, 0.0);
    }

    @Test
    void aNonFiniteGradientStopsBeforeTheOptimizerAndNamesTheLayer() {
        TrainingStep step = step();
        step.computeGradients(new DMatrixRMaj(new double[][] {{1, 2}}), new DMatrixRMaj(1, 2));
        step.parameters().get(0).grad().data[1] = Double.POSITIVE_INFINITY;
        Recorder recorder = new Recorder();
        NonFiniteGradientException error = assertThrows(NonFiniteGradientException.class,
                () -> step.update(recorder, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 3, 7));
        assertTrue(error.getMessage().contains("ColumnScale") && error.getMessage().contains("scale"), error.getMessage());
        assertEquals(null, recorder.seen, "the optimizer never ran");
    }
}
