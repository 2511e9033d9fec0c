package dev.backprop.core.component;

import java.util.Map;

/**
 * A component that describes its own hyper-parameters, as Keras' {@code get_config}: the values
 * from which its registered {@link ComponentType} makes it again. A component without
 * hyper-parameters need not implement it.
 */
public interface Configurable {

    /**
     * @return the hyper-parameters as JSON values (strings, numbers, booleans, lists and maps of
     *     them), keyed as the type's factory reads them
     */
    Map<String, Object> config();
}
