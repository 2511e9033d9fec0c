package dev.backprop.layers;

import dev.backprop.core.Layer;
import dev.backprop.core.MatrixChecks;
import dev.backprop.core.Parameter;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * One learned scale per input feature, {@code y = x ⊙ s} with s starting at 1: RealMLP's first
 * layer, which lets training weigh the features before the first {@link Dense} mixes them. Its
 * backward is {@code ds = Σrows dY ⊙ x} and {@code dX = dY ⊙ s}.
 */
public final class FeatureScale implements Layer, Configurable {

    /** The registered type: {@code "FeatureScale"} with its {@code features}. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "FeatureScale", FeatureScale.class,
                    config -> new FeatureScale(features(config)))
            .withParameterShapes(config -> List.of(new int[] {1, features(config)}));

    private final Parameter scale;
    private final String name;
    private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradInput = new DMatrixRMaj(1, 1);
    private DMatrixRMaj input;

    /**
     * @param features the input's width, at least 1
     */
    public FeatureScale(int features) {
        if (features < 1) {
            throw new IllegalArgumentException("FeatureScale: features must be at least 1, got " + features);
        }
        DMatrixRMaj ones = new DMatrixRMaj(1, features);
        ones.fill(1);
        this.scale = new Parameter("scale", ones);
        this.name = "FeatureScale(" + features + ")";
    }

    private static int features(dev.backprop.core.component.Config config) {
        return (int) config.integer("features", 1, 1 << 24);
    }

    /** @return the scales, 1 × features */
    public Parameter scale() {
        return scale;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        MatrixChecks.requireColumns(name, "input", x, scale.value().numCols);
        input = x;
        output.reshape(x.numRows, x.numCols);
        double[] s = scale.value().data;
        for (int i = 0; i < x.getNumElements(); i++) {
            output.data[i] = x.data[i] * s[i % x.numCols];
        }
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        MatrixChecks.requireBackwardFits(name, input == null ? null : output, gradOutput);
        gradInput.reshape(gradOutput.numRows, gradOutput.numCols);
        double[] s = scale.value().data;
        double[] ds = scale.grad().data;
        java.util.Arrays.fill(ds, 0, s.length, 0);
        for (int i = 0; i < gradOutput.getNumElements(); i++) {
            int j = i % gradOutput.numCols;
            ds[j] += gradOutput.data[i] * input.data[i];
            gradInput.data[i] = gradOutput.data[i] * s[j];
        }
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("features", scale.value().numCols);
    }

    @Override
    public String toString() {
        return name;
    }
}
