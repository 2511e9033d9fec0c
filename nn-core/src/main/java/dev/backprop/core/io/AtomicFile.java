package dev.backprop.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file all at once or not at all: the bytes go to a temporary file beside the target, are
 * forced to the disk, and the temporary file is renamed over the target. A failure at any point (an
 * exception of the writer, a full disk, a crash) leaves the target as it was, never half written.
 */
public final class AtomicFile {

    private AtomicFile() {}

    /** What writes a file's contents. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param out the temporary file's stream; it is closed for the caller
         * @throws IOException if writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * @param path the file to write or replace; its directory is created if absent
     * @param writer writes the contents
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public static void write(Path path, Writer writer) throws IOException {
        Path target = path.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            // Gone after the rename; after a failure, the stray temporary file goes too.
            Files.deleteIfExists(temporary);
        }
    }
}
