package dev.backprop.core.component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A component's hyper-parameters as JSON values (from a model file, or from the command line),
 * with typed, checked access, as Keras' {@code from_config} receives them. A mistyped value is a
 * {@link ConfigException} naming the component and the key; a missing one is too, unless the
 * accessor is given a default.
 *
 * <p>A config remembers which keys were read, so that a caller can refuse values that the
 * component it made did not use ({@link #unusedKeys()}): an option that does not apply.
 */
public final class Config {

    private final String owner;
    private final Map<String, Object> values;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    /**
     * @param owner the component the values configure, for messages
     * @param values the values, as JSON gives them: strings, numbers, booleans, lists and maps
     */
    public Config(String owner, Map<String, Object> values) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /** @return the component the values configure, as messages name it */
    public String owner() {
        return owner;
    }

    /** @return the raw values */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * @param key the value's name
     * @return whether a value is given for {@code key}
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** @return the keys given but never read, in alphabetical order */
    public Set<String> unusedKeys() {
        Set<String> unused = new TreeSet<>(values.keySet());
        unused.removeAll(read);
        return unused;
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
     * @param otherwise the value when none is given
     * @return the value, a finite number
     */
    public double number(String key, double otherwise) {
        return has(key) ? number(key) : mark(key, otherwise);
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
     * @param otherwise the value when none is given
     * @return the value, true or false
     */
    public boolean bool(String key, boolean otherwise) {
        return has(key) ? bool(key) : mark(key, otherwise);
    }

    /**
     * @param key the key
     * @return the value, a string
     */
    public String string(String key) {
        if (!(get(key) instanceof String string)) {
            throw invalid(key, "a string", get(key));
        }
        return string;
    }

    /**
     * @param key the key
     * @param maxLength the longest list allowed
     * @return the value, a list of finite numbers
     */
    public double[] numbers(String key, int maxLength) {
        if (!(get(key) instanceof List<?> list) || list.size() > maxLength) {
            throw invalid(key, "a list of at most " + maxLength + " numbers", "something else");
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw invalid(key + "[" + i + "]", "a finite number", list.get(i));
            }
            out[i] = n.doubleValue();
        }
        return out;
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
        for (Object inner : map.keySet()) {
            if (!(inner instanceof String)) {
                throw invalid(key, "a JSON object", map);
            }
        }
        return new Config(owner + "." + key, (Map<String, Object>) map);
    }

    private <T> T mark(String key, T value) {
        read.add(key);
        return value;
    }

    private Object get(String key) {
        if (!values.containsKey(key)) {
            throw new ConfigException(owner + ": no '" + key + "' is given");
        }
        read.add(key);
        return values.get(key);
    }

    private ConfigException invalid(String key, String expected, Object actual) {
        return new ConfigException(owner + ": '" + key + "' should be " + expected + ", not " + actual);
    }
}
