package dev.backprop.core;

import org.ejml.data.DMatrixRMaj;

/** A test loss: mean over samples of Σ (p − t)². */
public class SumOfSquares implements Loss {

    private DMatrixRMaj gradient;

    @Override
    public double forward(DMatrixRMaj predictions, DMatrixRMaj targets) {
        MatrixChecks.requireSameShape("SumOfSquares", "targets", targets, predictions);
        gradient = new DMatrixRMaj(predictions.numRows, predictions.numCols);
        double sum = 0;
        for (int i = 0; i < predictions.getNumElements(); i++) {
            double diff = predictions.data[i] - targets.data[i];
            sum += diff * diff;
            gradient.data[i] = 2 * diff / predictions.numRows;
        }
        return sum / predictions.numRows;
    }

    @Override
    public DMatrixRMaj backward() {
        return gradient;
    }
}
