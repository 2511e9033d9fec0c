package dev.backprop.layers;

import dev.backprop.core.NumpyRandom;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Fills a {@link Dense} layer's weights (inputs × outputs) with their initial values.
 *
 * <p>Draws are made in row-major order from the given {@link NumpyRandom}, so an initializer fed
 * the random source that also made the data reproduces the book's
 * {@code 0.01 * np.random.randn(n_inputs, n_neurons)} exactly.
 */
@FunctionalInterface
public interface Initializer {

    /**
     * Overwrites every entry of {@code weights}.
     *
     * @param weights the weights, inputs × outputs
     */
    void initialize(DMatrixRMaj weights);

    /**
     * The book's initialisation: {@code scale · randn(inputs, outputs)}; the book uses 0.01 (0.1
     * for its regression model).
     *
     * @param scale the standard deviation
     * @param random the source of the normal draws
     * @return the initializer
     */
    static Initializer scaledNormal(double scale, NumpyRandom random) {
        Objects.requireNonNull(random, "random");
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scaledNormal: scale must be positive, got " + scale);
        }
        return weights -> {
            for (int i = 0; i < weights.getNumElements(); i++) {
                weights.data[i] = scale * random.nextGaussian();
            }
        };
    }

    /**
     * Glorot (Xavier) uniform: {@code U(−l, l)} with {@code l = √(6 / (inputs + outputs))}, which
     * keeps the variance of activations and gradients about constant through tanh and sigmoid
     * layers. Keras's default.
     *
     * @param random the source of the uniform draws
     * @return the initializer
     */
    static Initializer glorotUniform(NumpyRandom random) {
        Objects.requireNonNull(random, "random");
        return weights -> {
            double limit = Math.sqrt(6.0 / (weights.numRows + weights.numCols));
            for (int i = 0; i < weights.getNumElements(); i++) {
                weights.data[i] = random.uniform(-limit, limit);
            }
        };
    }

    /**
     * He normal: {@code N(0, 2 / inputs)}, suited to ReLU layers, which zero half their inputs.
     *
     * @param random the source of the normal draws
     * @return the initializer
     */
    static Initializer heNormal(NumpyRandom random) {
        Objects.requireNonNull(random, "random");
        return weights -> {
            double deviation = Math.sqrt(2.0 / weights.numRows);
            for (int i = 0; i < weights.getNumElements(); i++) {
                weights.data[i] = deviation * random.nextGaussian();
            }
        };
    }
}
