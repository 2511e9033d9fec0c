package dev.backprop.examples.cli;

import dev.backprop.core.Activation;
import dev.backprop.core.Layer;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Components;
import dev.backprop.core.component.Config;
import dev.backprop.core.component.ConfigException;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.metrics.TopKAccuracy;
import java.util.Locale;
import java.util.Map;

/**
 * Components by the names people type on the command line, from the one registry: a name that
 * is not known, or a value the component does not take, is a {@link UsageException} naming the
 * option.
 */
final class NamedComponents {

    private NamedComponents() {}

    /** The command-line option of each value the recipe gives a component. */
    private static final Map<String, String> OPTIONS = Map.of("learningRate", "--learning-rate", "decay", "--decay",
            "momentum", "--momentum", "weightDecay", "--weight-decay", "scale", "--init-scale");

    /**
     * A registered component by the name typed on the command line, from the options' values; a
     * value the component does not take is refused, naming its option.
     */
    static <T> T create(Class<T> kind, String option, String name, Map<String, Object> values) {
        try {
            ComponentType<T> type = Components.registered().find(kind, name);
            Config config = new Config(option + " " + name, values);
            T component = type.create(config);
            for (String unused : config.unusedKeys()) {
                throw new UsageException(OPTIONS.getOrDefault(unused, unused) + " does not apply to " + option + " " + name);
            }
            return component;
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage().replace("Unknown " + kind.getSimpleName().toLowerCase(Locale.ROOT),
                    "Unknown " + option));
        }
    }

    /** A metric by a registered name or alias (auc, log_loss, mae, rmse, r2, ...), or topK such as top3. */
    static Metric metric(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (key.matches("top[0-9]+")) {
            return new TopKAccuracy(Integer.parseInt(key.substring(3)));
        }
        return create(Metric.class, "--metric", name.strip(), Map.of());
    }

    /** {@code --activation}: any registered layer that is an {@link Activation}. */
    static Layer activation(String name) {
        ComponentType<Layer> type;
        try {
            type = Components.registered().find(Layer.class, name);
        } catch (ConfigException e) {
            type = null;
        }
        if (type == null || !Activation.class.isAssignableFrom(type.javaType())) {
            throw new UsageException("Unknown --activation '" + name + "': use one of "
                    + String.join(", ", new RegisteredNames.Activations()));
        }
        return create(Layer.class, "--activation", name, Map.of());
    }
}
