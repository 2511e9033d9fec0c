package dev.backprop.spark;

import dev.backprop.core.Layer;
import dev.backprop.core.MatrixChecks;
import dev.backprop.core.Parameter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;

/**
 * A user-written layer, a parametric ReLU: y = x where x > 0, a·x elsewhere, with a learned slope
 * a per feature (starting at 0.25). It can also fail on purpose: the n-th forward pass in this JVM
 * throws, as a lost executor would.
 */
final class LearnedSlope implements Layer {

    /** Forward passes until the one that throws; negative: never throw. */
    static final AtomicInteger FAIL_AFTER = new AtomicInteger(-1);

    private final Parameter slope;
    private DMatrixRMaj input;
    private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradInput = new DMatrixRMaj(1, 1);

    LearnedSlope(int features) {
        DMatrixRMaj start = new DMatrixRMaj(1, features);
        start.fill(0.25);
        slope = new Parameter("slope", start);
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        if (FAIL_AFTER.getAndDecrement() == 0) {
            throw new IllegalStateException("a forward pass fails on purpose");
        }
        MatrixChecks.requireColumns("LearnedSlope", "input", x, slope.value().numCols);
        input = x;
        output.reshape(x.numRows, x.numCols);
        double[] a = slope.value().data;
        for (int i = 0; i < x.getNumElements(); i++) {
            double z = x.data[i];
            output.data[i] = z > 0 ? z : a[i % x.numCols] * z;
        }
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        MatrixChecks.requireBackwardFits("LearnedSlope", input == null ? null : output, gradOutput);
        gradInput.reshape(gradOutput.numRows, gradOutput.numCols);
        double[] a = slope.value().data;
        double[] da = slope.grad().data;
        slope.grad().zero();
        for (int i = 0; i < gradOutput.getNumElements(); i++) {
            int j = i % gradOutput.numCols;
            double z = input.data[i];
            gradInput.data[i] = z > 0 ? gradOutput.data[i] : a[j] * gradOutput.data[i];
            da[j] += z > 0 ? 0 : gradOutput.data[i] * z;
        }
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(slope);
    }
}
