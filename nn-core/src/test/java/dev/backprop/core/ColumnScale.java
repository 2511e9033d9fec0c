package dev.backprop.core;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A test layer {@code y = x ⊙ s} with one trainable scale per column, an optional L2 penalty
 * {@code λ Σ s²}, optional multiplicative noise, and an optional error in its backward.
 */
public class ColumnScale implements Layer, Regularized, Stochastic {

    private final Parameter scale;
    private final double penalty;
    private final boolean noisy;
    private final double backwardError;
    private NumpyRandom random = new NumpyRandom(0);
    private DMatrixRMaj input;
    private DMatrixRMaj noise;
    private DMatrixRMaj output;
    private DMatrixRMaj gradInput;

    public ColumnScale(double[] scales, double penalty, boolean noisy, double backwardError) {
        this.scale = new Parameter("scale", new DMatrixRMaj(1, scales.length, true, scales));
        this.penalty = penalty;
        this.noisy = noisy;
        this.backwardError = backwardError;
    }

    public static ColumnScale plain(double... scales) {
        return new ColumnScale(scales, 0, false, 0);
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        MatrixChecks.requireColumns("ColumnScale", "input", x, scale.value().numCols);
        input = x;
        output = new DMatrixRMaj(x.numRows, x.numCols);
        noise = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            noise.data[i] = noisy ? random.uniform(0.5, 1.5) : 1;
            output.data[i] = x.data[i] * scale.value().data[i % x.numCols] * noise.data[i];
        }
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        MatrixChecks.requireBackwardFits("ColumnScale", output, gradOutput);
        gradInput = new DMatrixRMaj(input.numRows, input.numCols);
        double[] ds = scale.grad().data;
        for (int j = 0; j < ds.length; j++) {
            ds[j] = 2 * penalty * scale.value().data[j];
        }
        for (int i = 0; i < input.getNumElements(); i++) {
            int j = i % input.numCols;
            double local = gradOutput.data[i] * noise.data[i];
            gradInput.data[i] = local * scale.value().data[j] * (1 + backwardError);
            ds[j] += local * input.data[i];
        }
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale);
    }

    @Override
    public double regularizationLoss() {
        double sum = 0;
        for (double s : scale.value().data) {
            sum += s * s;
        }
        return penalty * sum;
    }

    @Override
    public void reseed(long seed) {
        random = new NumpyRandom(seed);
    }
}
