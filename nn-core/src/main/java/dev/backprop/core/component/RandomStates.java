package dev.backprop.core.component;

import dev.backprop.core.NumpyRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link NumpyRandom.State} as configuration values, for components that keep a random stream
 * (dropout's masks) and for checkpoints (the shuffle stream), so that a resumed run draws the same.
 */
public final class RandomStates {

    private static final int WORDS = 624;

    private RandomStates() {}

    /**
     * @param state a generator's state
     * @return it as JSON values
     */
    public static Map<String, Object> toConfig(NumpyRandom.State state) {
        List<Object> words = new ArrayList<>(WORDS);
        for (long word : state.key()) {
            words.add(word);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", words);
        json.put("position", state.position());
        json.put("hasGaussian", state.hasGaussian());
        json.put("gaussian", state.gaussian());
        return json;
    }

    /**
     * @param config values written by {@link #toConfig}
     * @return the state they describe
     * @throws ConfigException if they are not a state MT19937 can be in
     */
    public static NumpyRandom.State fromConfig(Config config) {
        try {
            return new NumpyRandom.State(config.unsignedInts("key", WORDS), (int) config.integer("position", 0, WORDS),
                    config.bool("hasGaussian"), config.number("gaussian"));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.owner() + ": an invalid random state: " + e.getMessage(), e);
        }
    }
}
