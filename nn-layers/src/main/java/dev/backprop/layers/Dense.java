package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Config;
import dev.backprop.core.component.Configurable;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.backprop.core.InputGradientSkippable;
import dev.backprop.core.Layer;
import dev.backprop.core.MatrixChecks;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Parameter;
import dev.backprop.core.Regularized;
import dev.backprop.core.linalg.Gemm;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A fully connected layer: {@code Z = X·W + b}, with the weights stored inputs × outputs (the
 * book's "transposed weights"), so one sample per row goes in and out.
 *
 * <p>By default the weights start Glorot-uniform from {@code NumpyRandom(0)} and the biases at
 * zero; {@link #builder(int, int)} chooses another {@link Initializer} and adds L1 or L2
 * regularisation of the weights and biases, whose gradients {@code backward} adds as the book
 * does: {@code λ1·sign(w)} (with sign(0) = +1) and {@code 2·λ2·w}.
 *
 * <p>Not thread-safe; buffers are reused between calls (see {@link Layer}).
 */
public final class Dense implements Layer, Regularized, InputGradientSkippable, Configurable {

    /**
     * The registered type: {@code "Dense"} with its sizes and regularisation strengths; weights and
     * biases are the model file's arrays, so the layer is made without drawing initial values.
     */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "Dense", Dense.class,
                    config -> builder(size(config, "inputs"), size(config, "outputs"))
                            .initializer(weights -> { }) // the file's values replace the weights
                            .weightL1(config.number("weightL1", 0)).weightL2(config.number("weightL2", 0))
                            .biasL1(config.number("biasL1", 0)).biasL2(config.number("biasL2", 0))
                            .build())
            .withParameterShapes(config -> List.of(new int[] {size(config, "inputs"), size(config, "outputs")},
                    new int[] {1, size(config, "outputs")}));

    private final int inputs;
    private final int outputs;
    private final Parameter weights;
    private final Parameter biases;
    private final Penalty weightPenalty;
    private final Penalty biasPenalty;
    private final String name;

    private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradInput = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj ones = new DMatrixRMaj(0, 1);
    private DMatrixRMaj input;
    private boolean skipInputGradient;

    /**
     * A layer with Glorot-uniform weights from {@code NumpyRandom(0)}, zero biases and no
     * regularisation.
     *
     * @param inputs the number of input features
     * @param outputs the number of neurons
     */
    public Dense(int inputs, int outputs) {
        this(builder(inputs, outputs));
    }

    /**
     * A layer whose weights are filled by {@code initializer}; zero biases, no regularisation.
     *
     * @param inputs the number of input features
     * @param outputs the number of neurons
     * @param initializer fills the inputs × outputs weights
     */
    public Dense(int inputs, int outputs, Initializer initializer) {
        this(builder(inputs, outputs).initializer(initializer));
    }

    private Dense(Builder builder) {
        this.inputs = builder.inputs;
        this.outputs = builder.outputs;
        this.name = "Dense(" + inputs + "→" + outputs + ")";
        DMatrixRMaj w = new DMatrixRMaj(inputs, outputs);
        builder.initializer.initialize(w);
        MatrixChecks.requireFinite(name, "initial weights", w);
        this.weights = new Parameter("weights", w);
        this.biases = new Parameter("biases", new DMatrixRMaj(1, outputs));
        this.weightPenalty = new Penalty(builder.weightL1, builder.weightL2);
        this.biasPenalty = new Penalty(builder.biasL1, builder.biasL2);
    }

    /**
     * Starts a layer with more options than the constructors.
     *
     * @param inputs the number of input features
     * @param outputs the number of neurons
     * @return a builder with the defaults of {@link #Dense(int, int)}
     */
    public static Builder builder(int inputs, int outputs) {
        return new Builder(inputs, outputs);
    }

    private static int size(Config config, String key) {
        return (int) config.integer(key, 1, Integer.MAX_VALUE);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("inputs", inputs);
        config.put("outputs", outputs);
        config.put("weightL1", weightPenalty.l1());
        config.put("weightL2", weightPenalty.l2());
        config.put("biasL1", biasPenalty.l1());
        config.put("biasL2", biasPenalty.l2());
        return config;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj batch) {
        MatrixChecks.requireColumns(name, "input", batch, inputs);
        // A NaN or infinite input makes its whole row of X·W non-finite (it enters every sum of the
        // row, and ±∞·0 is NaN): where the output is the smaller matrix, the output is read instead,
        // and the input only when the output shows something to name.
        boolean checkOutput = outputs < inputs;
        if (!checkOutput) {
            MatrixChecks.requireFinite(name, "input", batch);
        }
        input = batch;
        output.reshape(batch.numRows, outputs);
        // Z = b + X·W: the biases are copied into every row, and the product added in its own pass.
        copyIntoEveryRow(biases.value().data, output);
        Gemm.multAdd(batch, weights.value(), output);
        if (checkOutput && MatrixChecks.indexOfNonFinite(output) >= 0) {
            MatrixChecks.requireFinite(name, "input", batch);
        }
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        MatrixChecks.requireBackwardFits(name, input == null ? null : output, gradOutput);
        // dW = Xᵀ·dZ, db = Σ_rows dZ, dX = dZ·Wᵀ, all without copying a transpose.
        Gemm.multTransA(input, gradOutput, weights.grad());
        // db = 1ᵀ·dZ, the column sums, as a product: row after row on EJML (as a plain loop would
        // add them), in one pass of a native BLAS; a Java loop over a row of a few dozen outputs is
        // too short for the JIT's vector code.
        Gemm.multTransA(ones(gradOutput.numRows), gradOutput, biases.grad());
        weightPenalty.addGradient(weights);
        biasPenalty.addGradient(biases);
        if (skipInputGradient) {
            return null;
        }
        gradInput.reshape(input.numRows, inputs);
        Gemm.multTransB(gradOutput, weights.value(), gradInput);
        return gradInput;
    }

    /** Fills every row of {@code matrix} with {@code row}: one copy, then copies of what is filled, doubling. */
    private static void copyIntoEveryRow(double[] row, DMatrixRMaj matrix) {
        int width = matrix.numCols;
        int size = matrix.getNumElements();
        if (size == 0) {
            return;
        }
        System.arraycopy(row, 0, matrix.data, 0, width);
        for (int filled = width; filled < size; ) {
            int copied = Math.min(filled, size - filled);
            System.arraycopy(matrix.data, 0, matrix.data, filled, copied);
            filled += copied;
        }
    }

    /** @return a column of {@code rows} ones, kept between calls */
    private DMatrixRMaj ones(int rows) {
        if (ones.data.length < rows) {
            ones.reshape(rows, 1);
            Arrays.fill(ones.data, 1.0);
        }
        ones.reshape(rows, 1);
        return ones;
    }

    @Override
    public void skipInputGradient(boolean skip) {
        this.skipInputGradient = skip;
    }

    /** @return [weights, biases] */
    @Override
    public List<Parameter> parameters() {
        return List.of(weights, biases);
    }

    /** @return the weights, inputs × outputs */
    public Parameter weights() {
        return weights;
    }

    /** @return the biases, 1 × outputs */
    public Parameter biases() {
        return biases;
    }

    /** @return {@code λ1w·Σ|w| + λ2w·Σw² + λ1b·Σ|b| + λ2b·Σb²} */
    @Override
    public double regularizationLoss() {
        return weightPenalty.loss(weights) + biasPenalty.loss(biases);
    }

    @Override
    public String toString() {
        return name;
    }

    int inputs() {
        return inputs;
    }

    int outputs() {
        return outputs;
    }

    Penalty weightPenalty() {
        return weightPenalty;
    }

    Penalty biasPenalty() {
        return biasPenalty;
    }

    /** The options of a {@link Dense} layer. */
    public static final class Builder {

        private final int inputs;
        private final int outputs;
        private Initializer initializer = Initializer.glorotUniform(new NumpyRandom(0));
        private double weightL1;
        private double weightL2;
        private double biasL1;
        private double biasL2;

        private Builder(int inputs, int outputs) {
            if (inputs < 1 || outputs < 1) {
                throw new IllegalArgumentException(
                        "Dense needs at least one input and one output, got " + inputs + "→" + outputs);
            }
            this.inputs = inputs;
            this.outputs = outputs;
        }

        /**
         * @param initializer fills the weights; see {@link Initializer}
         * @return this builder
         */
        public Builder initializer(Initializer initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * @param lambda the L1 strength on the weights, {@code λ·Σ|w|}, 0 for none
         * @return this builder
         */
        public Builder weightL1(double lambda) {
            this.weightL1 = Penalty.strength("weightL1", lambda);
            return this;
        }

        /**
         * @param lambda the L2 strength on the weights, {@code λ·Σw²}, 0 for none
         * @return this builder
         */
        public Builder weightL2(double lambda) {
            this.weightL2 = Penalty.strength("weightL2", lambda);
            return this;
        }

        /**
         * @param lambda the L1 strength on the biases, 0 for none
         * @return this builder
         */
        public Builder biasL1(double lambda) {
            this.biasL1 = Penalty.strength("biasL1", lambda);
            return this;
        }

        /**
         * @param lambda the L2 strength on the biases, 0 for none
         * @return this builder
         */
        public Builder biasL2(double lambda) {
            this.biasL2 = Penalty.strength("biasL2", lambda);
            return this;
        }

        /** @return the layer, its weights initialised */
        public Dense build() {
            return new Dense(this);
        }
    }
}
