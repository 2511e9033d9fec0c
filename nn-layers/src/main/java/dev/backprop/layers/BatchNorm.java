package dev.backprop.layers;

import dev.backprop.core.Layer;
import dev.backprop.core.MatrixChecks;
import dev.backprop.core.NonTrainableState;
import dev.backprop.core.Parameter;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Config;
import dev.backprop.core.component.Configurable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Batch normalisation with PyTorch's {@code BatchNorm1d} semantics: in training mode each feature
 * is normalised over the batch with its biased variance, {@code x̂ = (x − μ) / √(σ² + ε)}, then
 * {@code y = γ·x̂ + β}, and the running mean and (unbiased) variance move by {@code momentum}
 * towards the batch's; in inference mode ({@code setTraining(false)}) the running statistics
 * normalise instead. ε = 1e-5, momentum 0.1; γ starts at 1 and β at 0.
 *
 * <p>{@code parameters()} = [γ, β], each 1 × features (none when they are not learned). The running
 * statistics are not trained; they travel in the layer's configuration, so model files keep them.
 * A layer starts in training mode, where a batch of one sample has no variance and is refused.
 */
public final class BatchNorm implements Layer, Configurable, NonTrainableState {

    /** The registered type: {@code "BatchNorm"} with its sizes, options and running statistics. */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "BatchNorm", BatchNorm.class,
                    BatchNorm::fromConfig)
            .withParameterShapes(config -> config.bool("affine", true)
                    ? List.of(new int[] {1, features(config)}, new int[] {1, features(config)}) : List.of());

    private final int features;
    private final double momentum;
    private final double epsilon;
    private final boolean affine;
    private final String name;
    private final Parameter gamma;
    private final Parameter beta;
    private final double[] runningMean;
    private final double[] runningVariance;
    private boolean training = true;

    private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj normalized = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradInput = new DMatrixRMaj(1, 1);
    private final double[] inverseDeviation;
    private boolean forwardInTraining;
    private boolean forwarded;

    /**
     * A layer with PyTorch's defaults: momentum 0.1, ε = 1e-5, learned γ and β.
     *
     * @param features the number of features (columns)
     */
    public BatchNorm(int features) {
        this(builder(features));
    }

    private BatchNorm(Builder builder) {
        this.features = builder.features;
        this.momentum = builder.momentum;
        this.epsilon = builder.epsilon;
        this.affine = builder.affine;
        this.name = "BatchNorm(" + features + ")";
        DMatrixRMaj ones = new DMatrixRMaj(1, features);
        ones.fill(1);
        this.gamma = new Parameter("gamma", ones);
        this.beta = new Parameter("beta", new DMatrixRMaj(1, features));
        this.runningMean = new double[features];
        this.runningVariance = new double[features];
        java.util.Arrays.fill(runningVariance, 1);
        this.inverseDeviation = new double[features];
    }

    /**
     * @param features the number of features
     * @return a builder with PyTorch's defaults
     */
    public static Builder builder(int features) {
        return new Builder(features);
    }

    private static int features(Config config) {
        return (int) config.integer("features", 1, 1 << 24);
    }

    private static BatchNorm fromConfig(Config config) {
        int features = features(config);
        BatchNorm layer = builder(features).momentum(config.number("momentum", 0.1))
                .epsilon(config.number("epsilon", 1e-5)).affine(config.bool("affine", true)).build();
        if (config.has("runningMean")) {
            double[] mean = config.numbers("runningMean", features);
            double[] variance = config.numbers("runningVariance", features);
            if (mean.length != features || variance.length != features) {
                throw new IllegalArgumentException("running statistics of " + mean.length + " and " + variance.length
                        + " values for " + features + " features");
            }
            for (double v : variance) {
                if (!(v >= 0)) {
                    throw new IllegalArgumentException("a running variance is negative: " + v);
                }
            }
            System.arraycopy(mean, 0, layer.runningMean, 0, features);
            System.arraycopy(variance, 0, layer.runningVariance, 0, features);
        }
        return layer;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj batch) {
        MatrixChecks.requireColumns(name, "input", batch, features);
        MatrixChecks.requireNonEmpty(name, "input", batch);
        int n = batch.numRows;
        if (training && n < 2) {
            throw new IllegalArgumentException(name + ": a batch of " + n + " sample in training mode has no variance"
                    + " to normalise by; train with larger batches, or switch to inference mode");
        }
        output.reshape(n, features);
        normalized.reshape(n, features);
        double[] x = batch.data;
        for (int j = 0; j < features; j++) {
            double mean;
            double variance;
            if (training) {
                mean = 0;
                for (int r = 0; r < n; r++) {
                    mean += x[r * features + j];
                }
                mean /= n;
                variance = 0;
                for (int r = 0; r < n; r++) {
                    double d = x[r * features + j] - mean;
                    variance += d * d;
                }
                variance /= n;
                // The running variance is unbiased, as PyTorch keeps it.
                runningMean[j] = (1 - momentum) * runningMean[j] + momentum * mean;
                runningVariance[j] = (1 - momentum) * runningVariance[j] + momentum * variance * n / (n - 1);
            } else {
                mean = runningMean[j];
                variance = runningVariance[j];
            }
            double inverse = 1 / Math.sqrt(variance + epsilon);
            inverseDeviation[j] = inverse;
            double g = affine ? gamma.value().data[j] : 1;
            double b = affine ? beta.value().data[j] : 0;
            for (int r = 0; r < n; r++) {
                int k = r * features + j;
                normalized.data[k] = (x[k] - mean) * inverse;
                output.data[k] = g * normalized.data[k] + b;
            }
        }
        forwardInTraining = training;
        forwarded = true;
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        MatrixChecks.requireBackwardFits(name, forwarded ? output : null, gradOutput);
        int n = gradOutput.numRows;
        gradInput.reshape(n, features);
        double[] dy = gradOutput.data;
        for (int j = 0; j < features; j++) {
            double g = affine ? gamma.value().data[j] : 1;
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int r = 0; r < n; r++) {
                int k = r * features + j;
                sumDy += dy[k];
                sumDyXhat += dy[k] * normalized.data[k];
            }
            if (affine) {
                gamma.grad().data[j] = sumDyXhat;
                beta.grad().data[j] = sumDy;
            }
            double inverse = inverseDeviation[j];
            for (int r = 0; r < n; r++) {
                int k = r * features + j;
                // Training: μ and σ² depend on every row, dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂));
                // inference: they are constants, dx = γ/σ · dy.
                gradInput.data[k] = forwardInTraining
                        ? g * inverse * (dy[k] - sumDy / n - normalized.data[k] * sumDyXhat / n)
                        : g * inverse * dy[k];
            }
        }
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return affine ? List.of(gamma, beta) : List.of();
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** @return the running mean and variance: 2 × features values */
    @Override
    public long nonTrainableValues() {
        return 2L * features;
    }

    /** @return a copy of the running mean of each feature */
    public double[] runningMean() {
        return runningMean.clone();
    }

    /** @return a copy of the running (unbiased) variance of each feature */
    public double[] runningVariance() {
        return runningVariance.clone();
    }

    /** @return the number of features */
    public int features() {
        return features;
    }

    /** @return whether the normalised values are scaled by γ and shifted by β */
    public boolean affine() {
        return affine;
    }

    /** @return ε, added to the variance before its square root */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("features", features);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("affine", affine);
        config.put("runningMean", list(runningMean));
        config.put("runningVariance", list(runningVariance));
        return config;
    }

    private static List<Object> list(double[] values) {
        List<Object> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(value);
        }
        return list;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Options of {@link BatchNorm}. */
    public static final class Builder {

        private final int features;
        private double momentum = 0.1;
        private double epsilon = 1e-5;
        private boolean affine = true;

        private Builder(int features) {
            if (features < 1) {
                throw new IllegalArgumentException("BatchNorm needs at least 1 feature, got " + features);
            }
            this.features = features;
        }

        /**
         * @param momentum the weight of a batch's statistics in the running ones, in (0, 1]
         * @return this builder
         */
        public Builder momentum(double momentum) {
            if (!(momentum > 0 && momentum <= 1)) {
                throw new IllegalArgumentException("BatchNorm: momentum must be in (0, 1], got " + momentum);
            }
            this.momentum = momentum;
            return this;
        }

        /**
         * @param epsilon added to the variance, positive
         * @return this builder
         */
        public Builder epsilon(double epsilon) {
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("BatchNorm: epsilon must be a finite number > 0, got " + epsilon);
            }
            this.epsilon = epsilon;
            return this;
        }

        /**
         * @param affine whether γ and β are learned (else γ = 1, β = 0)
         * @return this builder
         */
        public Builder affine(boolean affine) {
            this.affine = affine;
            return this;
        }

        /** @return the layer, in training mode */
        public BatchNorm build() {
            return new BatchNorm(this);
        }
    }
}
