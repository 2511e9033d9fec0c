package dev.backprop.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Layers applied one after the other; itself a {@link Layer}, so models nest.
 *
 * <p>{@link #forward} runs the layers in order, {@link #backward} in reverse,
 * {@link #parameters()} lists every layer's parameters in layer order, and
 * {@link #setTraining(boolean)} reaches every layer. Its regularisation loss is the sum of its
 * layers', and reseeding it reseeds each of its stochastic layers.
 */
public final class Sequential implements Layer, Regularized, Stochastic {

    private final List<Layer> layers;

    /**
     * @param layers the layers, first to last
     * @throws IllegalArgumentException if there is no layer
     * @throws NullPointerException if a layer is null
     */
    public Sequential(Layer... layers) {
        Objects.requireNonNull(layers, "layers");
        if (layers.length == 0) {
            throw new IllegalArgumentException("Sequential needs at least one layer");
        }
        for (int i = 0; i < layers.length; i++) {
            Objects.requireNonNull(layers[i], "layer " + i);
        }
        this.layers = List.of(layers);
    }

    /** @return the layers, first to last (unmodifiable) */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj input) {
        DMatrixRMaj values = input;
        for (int i = 0; i < layers.size(); i++) {
            values = layers.get(i).forward(values);
        }
        return values;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        DMatrixRMaj grad = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            grad = layers.get(i).backward(grad);
        }
        return grad;
    }

    /**
     * Back-propagates through every layer but the last, for a loss that has already given the
     * gradient with respect to the last layer's input (a fused softmax and cross-entropy).
     *
     * @param gradInputOfLast dLoss/d(input of {@link #lastLayer()})
     * @return dLoss/dInput of this network
     */
    public DMatrixRMaj backwardBelowLast(DMatrixRMaj gradInputOfLast) {
        int last = layers.size() - 1;
        DMatrixRMaj grad = layers.get(last) instanceof Sequential inner
                ? inner.backwardBelowLast(gradInputOfLast) : gradInputOfLast;
        for (int i = last - 1; i >= 0; i--) {
            grad = layers.get(i).backward(grad);
        }
        return grad;
    }

    /** @return the first layer that is not itself a Sequential, where data enters */
    public Layer firstLayer() {
        Layer first = layers.get(0);
        return first instanceof Sequential inner ? inner.firstLayer() : first;
    }

    /** @return the last layer that is not itself a Sequential, whose output is the network's */
    public Layer lastLayer() {
        Layer last = layers.get(layers.size() - 1);
        return last instanceof Sequential inner ? inner.lastLayer() : last;
    }

    /**
     * @return every layer that is not itself a Sequential, first to last, as {@link #forward}
     *     runs them
     */
    public List<Layer> leafLayers() {
        List<Layer> leaves = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof Sequential inner) {
                leaves.addAll(inner.leafLayers());
            } else {
                leaves.add(layer);
            }
        }
        return Collections.unmodifiableList(leaves);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return Collections.unmodifiableList(all);
    }

    @Override
    public void setTraining(boolean training) {
        for (Layer layer : layers) {
            layer.setTraining(training);
        }
    }

    @Override
    public double regularizationLoss() {
        double total = 0;
        for (Layer layer : layers) {
            if (layer instanceof Regularized regularized) {
                total += regularized.regularizationLoss();
            }
        }
        return total;
    }

    /** Reseeds layer {@code i} of the stochastic layers with {@code seed + i}. */
    @Override
    public void reseed(long seed) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Stochastic stochastic) {
                stochastic.reseed(seed + i);
            }
        }
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }
}
