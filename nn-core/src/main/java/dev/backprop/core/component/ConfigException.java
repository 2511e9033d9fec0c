package dev.backprop.core.component;

/**
 * A component's configuration is missing a value, has one of the wrong kind, or describes a
 * component that cannot exist. Model files turn it into their own exception naming the file; the
 * command line into a usage error.
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the component and the key
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the component and the key
     * @param cause the error that revealed it
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
