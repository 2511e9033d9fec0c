package dev.backprop.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A component's configuration as read from a model file, with typed, checked access: a missing or
 * mistyped value is a {@link ModelFileException} that names the component and the key.
 */
public final class Config {

    private final String owner;
    private final Map<String, Object> values;

    /**
     * @param owner the component the values configure, for messages
     * @param values the values, as JSON gives them
     */
    public Config(String owner, Map<String, Object> values) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    /** @return the raw values */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * @param key the key
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @return the value, a whole number in [min, max]
     */
    public long integer(String key, long min, long max) {
        double value = number(key);
        if (value != Math.rint(value) || value < min || value > max) {
            throw invalid(key, "a whole number from " + min + " to " + max, value);
        }
        return (long) value;
    }

    /**
     * @param key the key
     * @return the value, a finite number
     */
    public double number(String key) {
        if (!(get(key) instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw invalid(key, "a finite number", get(key));
        }
        return number.doubleValue();
    }

    /**
     * @param key the key
     * @return the value, true or false
     */
    public boolean bool(String key) {
        if (!(get(key) instanceof Boolean bool)) {
            throw invalid(key, "true or false", get(key));
        }
        return bool;
    }

    /**
     * @param key the key
     * @param maxLength the longest list allowed
     * @return the value, a list of whole numbers from 0 to 2^32 − 1
     */
    public long[] unsignedInts(String key, int maxLength) {
        if (!(get(key) instanceof List<?> list) || list.size() > maxLength) {
            throw invalid(key, "a list of at most " + maxLength + " numbers", "something else");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.doubleValue() < 0 || n.doubleValue() > 0xffffffffL) {
                throw invalid(key + "[" + i + "]", "a whole number from 0 to 2^32 - 1", list.get(i));
            }
            out[i] = (long) n.doubleValue();
        }
        return out;
    }

    /**
     * @param key the key of a nested object
     * @return its values
     */
    @SuppressWarnings("unchecked")
    public Config child(String key) {
        if (!(get(key) instanceof Map<?, ?> map)) {
            throw invalid(key, "a JSON object", get(key));
        }
        return new Config(owner + "." + key, (Map<String, Object>) map);
    }

    private Object get(String key) {
        if (!values.containsKey(key)) {
            throw new ModelFileException(owner + ": the model file gives no '" + key + "'");
        }
        return values.get(key);
    }

    private ModelFileException invalid(String key, String expected, Object actual) {
        return new ModelFileException(owner + ": '" + key + "' should be " + expected + ", not " + actual);
    }
}
