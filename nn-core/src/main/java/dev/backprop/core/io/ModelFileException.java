package dev.backprop.core.io;

/**
 * A model file could not be read or written: it is missing, truncated, corrupt, of a newer
 * format, or names a component this program does not know. The message says which file and what
 * was expected.
 */
public final class ModelFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file
     */
    public ModelFileException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file
     * @param cause the underlying failure
     */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
