package dev.backprop.layers;

import dev.backprop.core.Loss;
import dev.backprop.core.MatrixChecks;
import org.ejml.data.DMatrixRMaj;

/**
 * What every built-in loss shares: the checks of predictions and targets, remembering the last
 * batch, and the reused gradient buffer. Subclasses supply the two kernels.
 */
abstract class BatchLoss implements Loss {

    private final DMatrixRMaj gradient = new DMatrixRMaj(1, 1);
    private DMatrixRMaj predictions;
    private DMatrixRMaj targets;

    @Override
    public final double forward(DMatrixRMaj batchPredictions, DMatrixRMaj batchTargets) {
        String name = toString();
        MatrixChecks.requireNonEmpty(name, "predictions", batchPredictions);
        MatrixChecks.requireNonEmpty(name, "targets", batchTargets);
        checkTargets(batchPredictions, batchTargets);
        MatrixChecks.requireFinite(name, "targets", batchTargets);
        predictions = batchPredictions;
        targets = batchTargets;
        return meanLoss(batchPredictions, batchTargets);
    }

    @Override
    public final DMatrixRMaj backward() {
        lastPredictions();
        gradient.reshape(predictions.numRows, predictions.numCols);
        gradient(predictions, targets, gradient);
        return gradient;
    }

    /** @return the predictions of the last forward pass; throws if there was none */
    final DMatrixRMaj lastPredictions() {
        if (predictions == null) {
            throw new IllegalStateException(this + ": backward called before forward");
        }
        return predictions;
    }

    /** @return the targets of the last forward pass */
    final DMatrixRMaj lastTargets() {
        return targets;
    }

    /** Checks that the targets fit the predictions; by default they must have the same shape. */
    void checkTargets(DMatrixRMaj batchPredictions, DMatrixRMaj batchTargets) {
        MatrixChecks.requireSameShape(toString(), "targets", batchTargets, batchPredictions);
    }

    /** @return the loss averaged over the samples (rows) */
    abstract double meanLoss(DMatrixRMaj predictions, DMatrixRMaj targets);

    /** Writes dLoss/dPredictions into {@code gradient}, which has the predictions' shape. */
    abstract void gradient(DMatrixRMaj predictions, DMatrixRMaj targets, DMatrixRMaj gradient);

    /** Clips a probability into [1e-7, 1 − 1e-7], as the book does, so that no log sees 0 or 1. */
    static double clip(double probability) {
        return Math.min(Math.max(probability, 1e-7), 1 - 1e-7);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
