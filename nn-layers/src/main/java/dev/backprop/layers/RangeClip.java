package dev.backprop.layers;

import dev.backprop.core.Layer;
import dev.backprop.core.MatrixChecks;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Keeps a regression's predictions inside the range its training targets spanned, as RealMLP does:
 * the identity while training (so the loss sees the network's own outputs and their gradients), and
 * {@code min(max(y, low), high)} at inference, where {@code evaluate}, {@code predict} and an ONNX
 * export all see the clipped values.
 */
public final class RangeClip implements Layer, Configurable {

    /** The registered type: {@code "RangeClip"} with its {@code low} and {@code high}. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "RangeClip", RangeClip.class,
            config -> new RangeClip(config.number("low"), config.number("high")));

    private final double low;
    private final double high;
    private final String name;
    private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradInput = new DMatrixRMaj(1, 1);
    private boolean training = true;
    private DMatrixRMaj lastOutput;

    /**
     * @param low the smallest value a prediction may take
     * @param high the largest, at least {@code low}
     * @throws IllegalArgumentException if the bounds are not finite or {@code low > high}
     */
    public RangeClip(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("RangeClip needs finite low ≤ high, got " + low + " and " + high);
        }
        this.low = low;
        this.high = high;
        this.name = "RangeClip(" + low + ", " + high + ")";
    }

    /** @return the smallest prediction */
    public double low() {
        return low;
    }

    /** @return the largest prediction */
    public double high() {
        return high;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj input) {
        MatrixChecks.requireNonEmpty(name, "input", input);
        output.reshape(input.numRows, input.numCols);
        for (int i = 0; i < input.getNumElements(); i++) {
            output.data[i] = training ? input.data[i] : Math.min(Math.max(input.data[i], low), high);
        }
        lastOutput = output;
        return output;
    }

    /** The identity: clipping happens at inference only. */
    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        MatrixChecks.requireBackwardFits(name, lastOutput, gradOutput);
        gradInput.reshape(gradOutput.numRows, gradOutput.numCols);
        System.arraycopy(gradOutput.data, 0, gradInput.data, 0, gradOutput.getNumElements());
        return gradInput;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("low", low, "high", high);
    }

    @Override
    public String toString() {
        return name;
    }
}
