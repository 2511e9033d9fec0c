package dev.backprop.examples.cli;

import dev.backprop.core.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The files a command writes ({@code --save}, {@code --output}): checked before any long work,
 * so that a run is never lost to a path that cannot be written, and written whole or not at all.
 */
final class OutputFiles {

    private OutputFiles() {}

    /**
     * @param file the path given, or null when the option was not
     * @param option the option's name, for the message
     * @throws UsageException naming the option, the path and why it cannot be written
     */
    static void check(Path file, String option) {
        if (file == null) {
            return;
        }
        try {
            AtomicFile.checkWritable(file);
        } catch (IOException e) {
            throw new UsageException(option + " cannot be written: " + e.getMessage());
        }
    }

    /** Writes a file through {@link AtomicFile}; a failure says the path and its reason. */
    static void write(Path file, AtomicFile.Writer writer) {
        try {
            AtomicFile.write(file, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
