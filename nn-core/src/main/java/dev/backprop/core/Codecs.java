package dev.backprop.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The codecs that {@link java.util.ServiceLoader} finds, by type name and by Java class. */
final class Codecs<T, C extends Codec<T>> {

    private final String kind;
    private final Map<String, C> byType = new HashMap<>();
    private final Map<Class<?>, C> byClass = new HashMap<>();

    private Codecs(String kind, Iterable<C> codecs) {
        this.kind = kind;
        for (C codec : codecs) {
            C previous = byType.putIfAbsent(codec.type(), codec);
            if (previous != null && previous.getClass() != codec.getClass()) {
                throw new IllegalStateException("Two " + kind + " codecs claim the type '" + codec.type() + "': "
                        + previous.getClass().getName() + " and " + codec.getClass().getName());
            }
            byClass.put(codec.javaType(), codec);
        }
    }

    static Codecs<Layer, LayerCodec> layers() {
        List<LayerCodec> all = new ArrayList<>();
        providers().forEach(provider -> all.addAll(provider.layerCodecs()));
        return new Codecs<>("layer", all);
    }

    static Codecs<Loss, LossCodec> losses() {
        List<LossCodec> all = new ArrayList<>();
        providers().forEach(provider -> all.addAll(provider.lossCodecs()));
        return new Codecs<>("loss", all);
    }

    static Codecs<Optimizer, OptimizerCodec> optimizers() {
        List<OptimizerCodec> all = new ArrayList<>();
        providers().forEach(provider -> all.addAll(provider.optimizerCodecs()));
        return new Codecs<>("optimizer", all);
    }

    private static Iterable<CodecProvider> providers() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return ServiceLoader.load(CodecProvider.class, context != null ? context : Codecs.class.getClassLoader());
    }

    /** @return the codec that saves {@code component}'s class */
    C forComponent(Object component) {
        C codec = byClass.get(component.getClass());
        if (codec == null) {
            throw new ModelFileException("No " + kind + " codec saves " + component.getClass().getName()
                    + "; register a CodecProvider for it with ServiceLoader");
        }
        return codec;
    }

    /** @return the codec of a type named in a file */
    C forType(String type, String file) {
        C codec = byType.get(type);
        if (codec == null) {
            throw new ModelFileException(file + " names the " + kind + " type '" + type
                    + "', which this program does not know (known: " + List.copyOf(byType.keySet()) + ")");
        }
        return codec;
    }
}
