package dev.backprop.core.metrics;

import dev.backprop.core.MatrixChecks;
import org.ejml.data.DMatrixRMaj;

/**
 * The sums a regression metric accumulates over an epoch: of absolute errors, squared errors,
 * targets and squared targets, over every output of every sample.
 */
abstract class RegressionErrors implements Metric {

    long count;
    double absolute;
    double squared;
    double targets;
    double targetSquares;

    @Override
    public final void reset() {
        count = 0;
        absolute = 0;
        squared = 0;
        targets = 0;
        targetSquares = 0;
    }

    @Override
    public final void update(DMatrixRMaj predictions, DMatrixRMaj actual) {
        MatrixChecks.requireSameShape(getClass().getSimpleName(), "targets", actual, predictions);
        for (int i = 0; i < predictions.getNumElements(); i++) {
            double error = predictions.data[i] - actual.data[i];
            absolute += Math.abs(error);
            squared += error * error;
            targets += actual.data[i];
            targetSquares += actual.data[i] * actual.data[i];
        }
        count += predictions.getNumElements();
    }

    static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }
}
