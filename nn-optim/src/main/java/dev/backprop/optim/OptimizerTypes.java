package dev.backprop.optim;

import dev.backprop.core.component.ComponentProvider;
import dev.backprop.core.component.ComponentType;
import java.util.List;

/** Registers every optimizer and learning-rate schedule of this module, for model files and the command line. */
public final class OptimizerTypes implements ComponentProvider {

    @Override
    public List<ComponentType<?>> types() {
        List<ComponentType<?>> types = new java.util.ArrayList<>(List.of(SGD.TYPE, AdaGrad.TYPE, RMSProp.TYPE, Adam.TYPE,
                AdamW.TYPE));
        types.addAll(Schedules.types());
        return types;
    }
}
