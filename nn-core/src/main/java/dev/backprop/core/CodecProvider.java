package dev.backprop.core;

import java.util.List;

/**
 * Supplies the {@link Codec}s a module brings, found with {@link java.util.ServiceLoader}: list
 * the implementing class in {@code META-INF/services/dev.backprop.core.CodecProvider}. nn-layers
 * and nn-optim provide codecs for every built-in layer, loss and optimizer; a project with its
 * own layer adds a provider of its own.
 */
public interface CodecProvider {

    /** @return codecs for layers */
    default List<LayerCodec> layerCodecs() {
        return List.of();
    }

    /** @return codecs for losses */
    default List<LossCodec> lossCodecs() {
        return List.of();
    }

    /** @return codecs for optimizers */
    default List<OptimizerCodec> optimizerCodecs() {
        return List.of();
    }
}
