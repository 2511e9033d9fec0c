package dev.backprop.examples.cli;

import dev.backprop.core.Activation;
import dev.backprop.core.Layer;
import dev.backprop.core.Optimizer;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Components;
import dev.backprop.layers.InitializerScheme;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The names the command accepts for components, read from the registry, so that help lists a
 * user's own optimizer or activation as soon as its jar is on the class path.
 */
abstract class RegisteredNames implements Iterable<String> {

    private final Class<?> kind;
    private final Predicate<ComponentType<?>> accept;

    RegisteredNames(Class<?> kind, Predicate<ComponentType<?>> accept) {
        this.kind = kind;
        this.accept = accept;
    }

    @Override
    public Iterator<String> iterator() {
        List<String> names = new ArrayList<>();
        for (ComponentType<?> type : Components.registered().types(kind)) {
            if (accept.test(type)) {
                names.add(type.aliases().isEmpty() ? type.name().toLowerCase(Locale.ROOT)
                        : String.join("|", type.aliases()));
            }
        }
        return names.iterator();
    }

    /** The registered optimizers. */
    static final class Optimizers extends RegisteredNames {
        Optimizers() {
            super(Optimizer.class, type -> true);
        }
    }

    /** The registered layers that are activations. */
    static final class Activations extends RegisteredNames {
        Activations() {
            super(Layer.class, type -> Activation.class.isAssignableFrom(type.javaType()));
        }
    }

    /** The registered initialisation schemes. */
    static final class Initializers extends RegisteredNames {
        Initializers() {
            super(InitializerScheme.class, type -> true);
        }
    }
}
