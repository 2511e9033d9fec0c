package dev.backprop.layers;

import dev.backprop.core.Layer;
import dev.backprop.core.MatrixChecks;
import dev.backprop.core.Parameter;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Config;
import dev.backprop.core.component.Configurable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Layer normalisation with PyTorch's {@code LayerNorm(features)} semantics: each sample normalised
 * over its features with their biased variance, {@code x̂ = (x − μ) / √(σ² + ε)}, then
 * {@code y = γ·x̂ + β}; the same in training and inference. ε = 1e-5; γ starts at 1 and β at 0.
 * {@code parameters()} = [γ, β], each 1 × features.
 */
public final class LayerNorm implements Layer, Configurable {

    /** The registered type: {@code "LayerNorm"} with its {@code features} and {@code epsilon}. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "LayerNorm", LayerNorm.class,
                    config -> new LayerNorm(features(config), config.number("epsilon", 1e-5)))
            .withParameterShapes(config -> List.of(new int[] {1, features(config)}, new int[] {1, features(config)}));

    private final int features;
    private final double epsilon;
    private final String name;
    private final Parameter gamma;
    private final Parameter beta;

    private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj normalized = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradInput = new DMatrixRMaj(1, 1);
    private double[] inverseDeviation = new double[0];
    private boolean forwarded;

    /**
     * @param features the number of features (columns)
     */
    public LayerNorm(int features) {
        this(features, 1e-5);
    }

    /**
     * @param features the number of features (columns)
     * @param epsilon added to the variance, positive
     */
    public LayerNorm(int features, double epsilon) {
        if (features < 1) {
            throw new IllegalArgumentException("LayerNorm needs at least 1 feature, got " + features);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("LayerNorm: epsilon must be a finite number > 0, got " + epsilon);
        }
        this.features = features;
        this.epsilon = epsilon;
        this.name = "LayerNorm(" + features + ")";
        DMatrixRMaj ones = new DMatrixRMaj(1, features);
        ones.fill(1);
        this.gamma = new Parameter("gamma", ones);
        this.beta = new Parameter("beta", new DMatrixRMaj(1, features));
    }

    private static int features(Config config) {
        return (int) config.integer("features", 1, 1 << 24);
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj batch) {
        MatrixChecks.requireColumns(name, "input", batch, features);
        MatrixChecks.requireNonEmpty(name, "input", batch);
        int n = batch.numRows;
        output.reshape(n, features);
        normalized.reshape(n, features);
        if (inverseDeviation.length < n) {
            inverseDeviation = new double[n];
        }
        double[] x = batch.data;
        double[] g = gamma.value().data;
        double[] b = beta.value().data;
        for (int r = 0; r < n; r++) {
            int start = r * features;
            double mean = 0;
            for (int j = 0; j < features; j++) {
                mean += x[start + j];
            }
            mean /= features;
            double variance = 0;
            for (int j = 0; j < features; j++) {
                double d = x[start + j] - mean;
                variance += d * d;
            }
            variance /= features;
            double inverse = 1 / Math.sqrt(variance + epsilon);
            inverseDeviation[r] = inverse;
            for (int j = 0; j < features; j++) {
                normalized.data[start + j] = (x[start + j] - mean) * inverse;
                output.data[start + j] = g[j] * normalized.data[start + j] + b[j];
            }
        }
        forwarded = true;
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        MatrixChecks.requireBackwardFits(name, forwarded ? output : null, gradOutput);
        int n = gradOutput.numRows;
        gradInput.reshape(n, features);
        double[] dy = gradOutput.data;
        double[] g = gamma.value().data;
        double[] dGamma = gamma.grad().data;
        double[] dBeta = beta.grad().data;
        java.util.Arrays.fill(dGamma, 0);
        java.util.Arrays.fill(dBeta, 0);
        for (int r = 0; r < n; r++) {
            int start = r * features;
            // With dx̂ = γ·dy: dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) / σ, the means over the sample's features.
            double sum = 0;
            double sumXhat = 0;
            for (int j = 0; j < features; j++) {
                double dxhat = g[j] * dy[start + j];
                sum += dxhat;
                sumXhat += dxhat * normalized.data[start + j];
                dGamma[j] += dy[start + j] * normalized.data[start + j];
                dBeta[j] += dy[start + j];
            }
            for (int j = 0; j < features; j++) {
                double dxhat = g[j] * dy[start + j];
                gradInput.data[start + j] = inverseDeviation[r]
                        * (dxhat - sum / features - normalized.data[start + j] * sumXhat / features);
            }
        }
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    /** @return the number of features */
    public int features() {
        return features;
    }

    /** @return ε, added to each row's variance before its square root */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("features", features);
        config.put("epsilon", epsilon);
        return config;
    }

    @Override
    public String toString() {
        return name;
    }
}
