package dev.backprop.optim;

import dev.backprop.core.component.ComponentProvider;
import dev.backprop.core.component.ComponentType;
import java.util.List;

/** Registers every optimizer of this module, so that model files and the command line know them. */
public final class OptimizerTypes implements ComponentProvider {

    @Override
    public List<ComponentType<?>> types() {
        return List.of(SGD.TYPE, AdaGrad.TYPE, RMSProp.TYPE, Adam.TYPE, AdamW.TYPE);
    }
}
