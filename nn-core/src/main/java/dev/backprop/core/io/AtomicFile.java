package dev.backprop.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
     * @throws IOException if the file cannot be written, with the reason (such as "not a
     *     directory" or "permission denied") after the path; the target is then unchanged
     */
    public static void write(Path path, Writer writer) throws IOException {
        Path target = path.toAbsolutePath();
        try {
            Path directory = target.getParent();
            Files.createDirectories(directory);
            Path temporary = newTemporary(directory, target.getFileName().toString());
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
        } catch (FileSystemException e) {
            throw withReason(e);
        }
    }

    /**
     * Checks, before any long work, that {@link #write} could write {@code path}: it is not a
     * directory, and a file can be created in its directory (or in the nearest one that exists,
     * where the missing ones would be made). Nothing is left behind.
     *
     * @param path the file to be written
     * @throws IOException with the path and the reason, if it could not be written
     */
    public static void checkWritable(Path path) throws IOException {
        Path target = path.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(path + ": is a directory, not a file");
        }
        Path directory = target.getParent();
        while (directory != null && !Files.exists(directory)) {
            directory = directory.getParent();
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IOException(path + ": " + directory + " is not a directory");
        }
        try {
            Files.delete(newTemporary(directory, target.getFileName().toString()));
        } catch (FileSystemException e) {
            throw new IOException(path + ": " + (e.getReason() != null ? e.getReason() : reason(e)), e);
        }
    }

    /**
     * A new empty file beside the target, hidden, with the permissions the process's umask gives
     * a new file (a server's account can read what a user wrote, as with any other tool);
     * {@code Files.createTempFile} would make it readable by its owner only.
     */
    private static Path newTemporary(Path directory, String name) throws IOException {
        while (true) {
            Path candidate = directory.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException taken) {
                // another writer's temporary file: draw another name
            }
        }
    }

    private static IOException withReason(FileSystemException e) {
        if (e.getReason() != null) {
            return e;
        }
        return new IOException(e.getFile() + ": " + reason(e), e);
    }

    private static String reason(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "exists, and is not a directory";
        }
        return e.getClass().getSimpleName();
    }

    private static final java.util.Random RANDOM = new java.security.SecureRandom();
}
