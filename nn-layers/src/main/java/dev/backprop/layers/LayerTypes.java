package dev.backprop.layers;

import dev.backprop.core.component.ComponentProvider;
import dev.backprop.core.component.ComponentType;
import java.util.List;

/**
 * Registers every layer, activation, loss and initialisation scheme of this module, so that model
 * files, the command line and exporters know them by name. A module with its own components
 * writes a provider like this one.
 */
public final class LayerTypes implements ComponentProvider {

    @Override
    public List<ComponentType<?>> types() {
        return List.of(
                Dense.TYPE, Dropout.TYPE, BatchNorm.TYPE, LayerNorm.TYPE, FeatureScale.TYPE, RangeClip.TYPE,
                ReLU.TYPE, LeakyReLU.TYPE, Sigmoid.TYPE, Tanh.TYPE, SELU.TYPE, Mish.TYPE, Softmax.TYPE, Linear.TYPE,
                CategoricalCrossEntropy.TYPE, SoftmaxCrossEntropy.TYPE, BinaryCrossEntropy.TYPE,
                MeanSquaredError.TYPE, MeanAbsoluteError.TYPE, HuberLoss.TYPE,
                InitializerScheme.SCALED_NORMAL, InitializerScheme.GLOROT_UNIFORM, InitializerScheme.HE_NORMAL);
    }
}
