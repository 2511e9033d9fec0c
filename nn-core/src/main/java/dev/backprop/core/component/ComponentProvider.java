package dev.backprop.core.component;

import java.util.List;

/**
 * Registers component types, found with {@link java.util.ServiceLoader}: list the implementing
 * class in {@code META-INF/services/dev.backprop.core.component.ComponentProvider}. nn-core,
 * nn-layers and nn-optim register their own this way; a project with its own layer or optimizer
 * does the same.
 */
public interface ComponentProvider {

    /** @return the types this module brings */
    List<ComponentType<?>> types();
}
