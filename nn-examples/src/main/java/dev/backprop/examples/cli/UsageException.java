package dev.backprop.examples.cli;

/** A bad option value found after parsing: reported in one line, with exit code 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
