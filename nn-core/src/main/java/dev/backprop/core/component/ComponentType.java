package dev.backprop.core.component;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How one kind of component is named and made again from its hyper-parameters: a stable type
 * name (written in model files, typed on the command line, read by exporters), the kind it is a
 * component of ({@code Layer}, {@code Loss}, {@code Optimizer}, {@code Metric}, ...), its exact Java
 * class and a factory from a {@link Config}, as Keras' {@code from_config}. The component itself
 * gives its hyper-parameters through {@link Configurable}.
 *
 * <pre>{@code
 * public static final ComponentType<Layer> TYPE =
 *         ComponentType.of(Layer.class, "ScaleShift", ScaleShift.class, ScaleShift::fromConfig);
 * }</pre>
 *
 * <p>Types are registered by a {@link ComponentProvider}.
 *
 * @param <T> the kind of component
 */
public final class ComponentType<T> {

    private final Class<T> kind;
    private final String name;
    private final Class<? extends T> javaType;
    private final Function<Config, ? extends T> factory;
    private final Function<Config, List<int[]>> parameterShapes;
    private final Set<String> aliases;

    private ComponentType(Class<T> kind, String name, Class<? extends T> javaType, Function<Config, ? extends T> factory,
            Function<Config, List<int[]>> parameterShapes, Set<String> aliases) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
        this.javaType = Objects.requireNonNull(javaType, "javaType");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.parameterShapes = parameterShapes;
        this.aliases = aliases;
        if (!name.matches("[A-Za-z][A-Za-z0-9_.-]{0,99}")) {
            throw new IllegalArgumentException("A type name is a letter then letters, digits, '_', '.' or '-': '" + name + "'");
        }
        if (!kind.isAssignableFrom(javaType)) {
            throw new IllegalArgumentException(javaType.getName() + " is not a " + kind.getSimpleName());
        }
    }

    /**
     * @param kind what the component is: {@code Layer.class}, {@code Loss.class}, ...
     * @param name the stable type name, such as {@code "Dense"}
     * @param javaType the exact class of the components this type describes
     * @param factory makes a component from its hyper-parameters
     * @param <T> the kind
     * @return the type
     */
    public static <T> ComponentType<T> of(Class<T> kind, String name, Class<? extends T> javaType,
            Function<Config, ? extends T> factory) {
        return new ComponentType<>(kind, name, javaType, factory, config -> List.of(), Set.of());
    }

    /**
     * @param shapes the shapes of the parameters the factory allocates, one {rows, columns} pair
     *     per parameter in the order of {@code parameters()}: model files check them against the
     *     file before allocating
     * @return a copy of this type with them
     */
    public ComponentType<T> withParameterShapes(Function<Config, List<int[]>> shapes) {
        return new ComponentType<>(kind, name, javaType, factory, Objects.requireNonNull(shapes, "shapes"), aliases);
    }

    /**
     * @param more other names the command line accepts for this type, such as {@code "he"}
     * @return a copy of this type with them
     */
    public ComponentType<T> withAliases(String... more) {
        Set<String> all = new TreeSet<>(aliases);
        all.addAll(List.of(more));
        return new ComponentType<>(kind, name, javaType, factory, parameterShapes, Set.copyOf(all));
    }

    /** @return what the component is */
    public Class<T> kind() {
        return kind;
    }

    /** @return the stable type name */
    public String name() {
        return name;
    }

    /** @return the exact class of its components */
    public Class<? extends T> javaType() {
        return javaType;
    }

    /** @return the other names the command line accepts */
    public Set<String> aliases() {
        return aliases;
    }

    /**
     * @param config hyper-parameters
     * @return the shapes of the parameters a component made from them will have
     */
    public List<int[]> parameterShapes(Config config) {
        return parameterShapes.apply(config);
    }

    /**
     * @param config hyper-parameters
     * @return a new component
     * @throws ConfigException if a value is missing, mistyped or out of range
     */
    public T create(Config config) {
        try {
            return factory.apply(config);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + ": " + e.getMessage(), e);
        }
    }

    /** @return whether {@code text} names this type, ignoring case, '-' and '_' */
    boolean answersTo(String text) {
        String key = key(text);
        if (key(name).equals(key)) {
            return true;
        }
        for (String alias : aliases) {
            if (key(alias).equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static String key(String text) {
        return text.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return kind.getSimpleName() + " type " + name;
    }
}
