package com.example.custom;

import dev.backprop.core.component.ComponentProvider;
import dev.backprop.core.component.ComponentType;
import java.util.List;

/** Registers this project's components, as nn-layers and nn-optim register theirs. */
public final class CustomComponents implements ComponentProvider {

    @Override
    public List<ComponentType<?>> types() {
        return List.of(Lion.TYPE);
    }
}
