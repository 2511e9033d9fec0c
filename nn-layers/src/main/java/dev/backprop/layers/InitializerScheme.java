package dev.backprop.layers;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import java.util.Map;

/**
 * A named way to initialise weights, registered like every component so that the command line
 * ({@code --init}) and saved recipes name it: it makes an {@link Initializer} that draws from a
 * given random stream (the book draws weights from the stream that also made its data).
 */
@FunctionalInterface
public interface InitializerScheme {

    /** {@code "ScaledNormal"} (also {@code book}): the book's {@code scale · randn}, scale 0.01 by default. */
    ComponentType<InitializerScheme> SCALED_NORMAL = ComponentType.of(InitializerScheme.class, "ScaledNormal",
            ScaledNormal.class, config -> new ScaledNormal(config.number("scale", 0.01))).withAliases("book");

    /** {@code "GlorotUniform"} (also {@code glorot}): Keras' default. */
    ComponentType<InitializerScheme> GLOROT_UNIFORM = ComponentType.of(InitializerScheme.class, "GlorotUniform",
            GlorotUniform.class, config -> new GlorotUniform()).withAliases("glorot");

    /** {@code "HeNormal"} (also {@code he}): for ReLU layers. */
    ComponentType<InitializerScheme> HE_NORMAL = ComponentType.of(InitializerScheme.class, "HeNormal",
            HeNormal.class, config -> new HeNormal()).withAliases("he");

    /**
     * @param random the stream to draw from
     * @return an initializer drawing from it
     */
    Initializer from(NumpyRandom random);

    /**
     * {@link Initializer#scaledNormal}.
     *
     * @param scale the standard deviation
     */
    record ScaledNormal(double scale) implements InitializerScheme, Configurable {
        /** @param scale the standard deviation, positive */
        public ScaledNormal {
            if (!(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("scale must be positive, got " + scale);
            }
        }

        @Override
        public Initializer from(NumpyRandom random) {
            return Initializer.scaledNormal(scale, random);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("scale", scale);
        }
    }

    /** {@link Initializer#glorotUniform}. */
    record GlorotUniform() implements InitializerScheme {
        @Override
        public Initializer from(NumpyRandom random) {
            return Initializer.glorotUniform(random);
        }
    }

    /** {@link Initializer#heNormal}. */
    record HeNormal() implements InitializerScheme {
        @Override
        public Initializer from(NumpyRandom random) {
            return Initializer.heNormal(random);
        }
    }
}
