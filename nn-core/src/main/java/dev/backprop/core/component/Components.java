package dev.backprop.core.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The registry of component types by name: what model files, the command line and exporters
 * read. {@link #registered()} holds every type the {@link ComponentProvider}s on the class path
 * bring.
 *
 * <p>A file or a command line can only ask for a registered type by its name; never a Java
 * class name, and nothing is deserialized.
 */
public final class Components {

    private static volatile Components registered;

    private final Map<Class<?>, ComponentType<?>> byClass = new LinkedHashMap<>();
    private final Map<String, ComponentType<?>> byKindAndName = new LinkedHashMap<>();

    /**
     * @param types the types to hold
     * @throws IllegalStateException if two types of one kind share a name, or two describe one class
     */
    public Components(List<ComponentType<?>> types) {
        for (ComponentType<?> type : types) {
            ComponentType<?> previous = byKindAndName.putIfAbsent(type.kind().getName() + "/" + type.name(), type);
            if (previous != null && previous.javaType() != type.javaType()) {
                throw new IllegalStateException("Two " + type.kind().getSimpleName() + " types are named '" + type.name()
                        + "': " + previous.javaType().getName() + " and " + type.javaType().getName());
            }
            ComponentType<?> sameClass = byClass.putIfAbsent(type.javaType(), type);
            if (sameClass != null && !sameClass.name().equals(type.name())) {
                throw new IllegalStateException(type.javaType().getName() + " is registered as '" + sameClass.name()
                        + "' and as '" + type.name() + "'");
            }
        }
    }

    /**
     * @return the types that the {@link ComponentProvider}s of the context class loader (or this
     *     library's) register; found once, then kept
     */
    public static Components registered() {
        Components found = registered;
        if (found == null) {
            synchronized (Components.class) {
                found = registered;
                if (found == null) {
                    found = load();
                    registered = found;
                }
            }
        }
        return found;
    }

    private static Components load() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        List<ComponentType<?>> types = new ArrayList<>();
        for (ComponentProvider provider : ServiceLoader.load(ComponentProvider.class,
                context != null ? context : Components.class.getClassLoader())) {
            types.addAll(provider.types());
        }
        return new Components(types);
    }

    /**
     * @param component a component
     * @return the type registered for its exact class
     * @throws ConfigException if none is
     */
    public ComponentType<?> typeOf(Object component) {
        ComponentType<?> type = byClass.get(component.getClass());
        if (type == null) {
            throw new ConfigException("No component type is registered for " + component.getClass().getName()
                    + ": declare a ComponentType for it and list it in a ComponentProvider (ServiceLoader)");
        }
        return type;
    }

    /**
     * A component as JSON values, as model files write it.
     *
     * @param component a component of a registered type
     * @return {@code {"type": name, "config": {hyper-parameters}}}
     */
    public Map<String, Object> describe(Object component) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", typeOf(component).name());
        json.put("config", component instanceof Configurable configurable
                ? new LinkedHashMap<>(configurable.config()) : new LinkedHashMap<>());
        return json;
    }

    /**
     * Makes a component again from what {@link #describe} wrote.
     *
     * @param kind what the component is
     * @param json {@code {"type": name, "config": {...}}}; a missing config is empty
     * @param owner where the values come from, for messages (a file)
     * @param <T> the kind
     * @return the component
     * @throws ConfigException if the type is unknown or the config does not fit it
     */
    @SuppressWarnings("unchecked")
    public <T> T create(Class<T> kind, Map<String, Object> json, String owner) {
        if (!(json.get("type") instanceof String name)) {
            throw new ConfigException(owner + ": a " + kind.getSimpleName() + " without a type name");
        }
        // Files of the first format wrote a metric's values beside its type.
        Object values = json.containsKey("config") ? json.get("config") : withoutType(json);
        if (!(values instanceof Map<?, ?> map)) {
            throw new ConfigException(owner + ": the config of " + name + " should be a JSON object");
        }
        return type(kind, name).create(new Config(owner + ": " + name, (Map<String, Object>) map));
    }

    private static Map<String, Object> withoutType(Map<String, Object> json) {
        Map<String, Object> values = new LinkedHashMap<>(json);
        values.remove("type");
        return values;
    }

    /**
     * @param kind what the component is
     * @param name its exact type name, as a model file writes it
     * @param <T> the kind
     * @return the type
     * @throws ConfigException if no type of that kind has that name
     */
    @SuppressWarnings("unchecked")
    public <T> ComponentType<T> type(Class<T> kind, String name) {
        ComponentType<?> type = byKindAndName.get(kind.getName() + "/" + Objects.requireNonNull(name, "name"));
        if (type == null) {
            throw new ConfigException("the " + kind.getSimpleName().toLowerCase(Locale.ROOT) + " type '" + name
                    + "' is not known to this program (known: " + names(kind)
                    + "; a type of your own is registered by a ComponentProvider)");
        }
        return (ComponentType<T>) type;
    }

    /**
     * Finds a type the way people type it: ignoring case, '-' and '_', and by its aliases
     * ({@code leaky-relu} is {@code LeakyReLU}).
     *
     * @param kind what the component is
     * @param text the name as typed
     * @param <T> the kind
     * @return the type
     * @throws ConfigException if no type answers to it
     */
    @SuppressWarnings("unchecked")
    public <T> ComponentType<T> find(Class<T> kind, String text) {
        for (ComponentType<?> type : byKindAndName.values()) {
            if (type.kind() == kind && type.answersTo(text)) {
                return (ComponentType<T>) type;
            }
        }
        throw new ConfigException("Unknown " + kind.getSimpleName().toLowerCase(Locale.ROOT) + " '" + text
                + "': use one of " + names(kind));
    }

    /**
     * @param kind what the components are
     * @return the names of its registered types, in registration order
     */
    public List<String> names(Class<?> kind) {
        List<String> names = new ArrayList<>();
        for (ComponentType<?> type : byKindAndName.values()) {
            if (type.kind() == kind) {
                names.add(type.name());
            }
        }
        return names;
    }

    /**
     * @param kind what the components are
     * @return its registered types, in registration order
     */
    public List<ComponentType<?>> types(Class<?> kind) {
        List<ComponentType<?>> types = new ArrayList<>();
        for (ComponentType<?> type : byKindAndName.values()) {
            if (type.kind() == kind) {
                types.add(type);
            }
        }
        return types;
    }
}
