package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import dev.backprop.core.component.RandomStates;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.backprop.core.Layer;
import dev.backprop.core.MatrixChecks;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Stochastic;
import org.ejml.data.DMatrixRMaj;

/**
 * Inverted dropout: while training, each value is zeroed with probability {@code rate} and the
 * survivors are scaled by {@code 1 / (1 − rate)}, so the expected output equals the input and
 * nothing needs rescaling at inference. Outside training it passes values through unchanged.
 *
 * <p>A layer starts in training mode; {@link #setTraining(boolean)} switches it. The masks come
 * from a {@link NumpyRandom} seeded at construction (0 unless given), so runs are repeatable.
 * Not thread-safe.
 */
public final class Dropout implements Layer, Stochastic, Configurable {

    /**
     * The registered type: {@code "Dropout"} with its {@code rate} and, so that a resumed run
     * draws the same masks, the state of its mask stream ({@code random}; a new stream from seed 0
     * when absent).
     */
    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "Dropout", Dropout.class, config -> {
        Dropout dropout = new Dropout(config.number("rate"));
        if (config.has("random")) {
            dropout.random = NumpyRandom.restore(RandomStates.fromConfig(config.child("random")));
        }
        return dropout;
    });

    private final double rate;
    private final double keep;
    private final String name;
    private NumpyRandom random;
    private boolean training = true;

    private final DMatrixRMaj mask = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradInput = new DMatrixRMaj(1, 1);
    private boolean forwarded;
    private boolean maskApplied;

    /**
     * @param rate the fraction of values to drop, in [0, 1)
     */
    public Dropout(double rate) {
        this(rate, 0);
    }

    /**
     * @param rate the fraction of values to drop, in [0, 1)
     * @param seed the seed of the masks, from 0 to 2^32 − 1
     */
    public Dropout(double rate, long seed) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.keep = 1 - rate;
        this.name = "Dropout(" + rate + ")";
        this.random = new NumpyRandom(seed);
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj batch) {
        MatrixChecks.requireNonEmpty(name, "input", batch);
        int size = batch.getNumElements();
        output.reshape(batch.numRows, batch.numCols);
        maskApplied = training;
        if (training) {
            mask.reshape(batch.numRows, batch.numCols);
            double scale = 1 / keep;
            for (int i = 0; i < size; i++) {
                mask.data[i] = random.nextDouble() < keep ? scale : 0;
                output.data[i] = batch.data[i] * mask.data[i];
            }
        } else {
            System.arraycopy(batch.data, 0, output.data, 0, size);
        }
        forwarded = true;
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        MatrixChecks.requireBackwardFits(name, forwarded ? output : null, gradOutput);
        int size = gradOutput.getNumElements();
        gradInput.reshape(gradOutput.numRows, gradOutput.numCols);
        if (maskApplied) {
            for (int i = 0; i < size; i++) {
                gradInput.data[i] = gradOutput.data[i] * mask.data[i];
            }
        } else {
            System.arraycopy(gradOutput.data, 0, gradInput.data, 0, size);
        }
        return gradInput;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** @return whether masks are applied */
    public boolean isTraining() {
        return training;
    }

    /** @return the fraction of values dropped while training */
    public double rate() {
        return rate;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("rate", rate);
        config.put("random", RandomStates.toConfig(random.state()));
        return config;
    }

    @Override
    public void reseed(long seed) {
        random = new NumpyRandom(seed & 0xffffffffL);
    }

    @Override
    public String toString() {
        return name;
    }
}
