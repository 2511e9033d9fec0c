package dev.backprop.core;

import java.util.List;
import java.util.Map;

/**
 * Saves one kind of component in a model file and makes it again: its stable type name, its
 * hyper-parameters as JSON values, and a fresh instance from them. Model files name types, never
 * Java classes, and no Java serialization is involved: a file can only ask for the types that
 * codecs registered with {@link java.util.ServiceLoader} provide.
 *
 * <p>Codecs come from {@link CodecProvider}s; to save your own layer, write a {@link LayerCodec}
 * and a provider that lists it.
 *
 * @param <T> the kind of component
 */
public interface Codec<T> {

    /** @return the stable name written in model files, such as {@code "Dense"} */
    String type();

    /** @return the exact class this codec saves */
    Class<? extends T> javaType();

    /**
     * @param component a component of {@link #javaType()}
     * @return its hyper-parameters: strings, numbers, booleans, lists and maps of them
     */
    Map<String, Object> config(T component);

    /**
     * The shapes of the parameters {@link #create} will allocate, so that the loader can check
     * them against the file before allocating anything.
     *
     * @param config the hyper-parameters read from a file
     * @return one {rows, columns} pair per parameter, in the order of {@code parameters()}
     */
    default List<int[]> parameterShapes(Config config) {
        return List.of();
    }

    /**
     * @param config the hyper-parameters read from a file, checked by the caller against
     *     {@link #parameterShapes}
     * @return a new component; parameter values are then overwritten from the file
     */
    T create(Config config);
}
