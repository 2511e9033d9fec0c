package dev.backprop.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path folder;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheWholeFileInANewDirectory() throws IOException {
        Path file = folder.resolve("sub/out.txt");
        AtomicFile.write(file, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("hello", Files.readString(file));
    }

    @Test
    void aFailingWriterKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = Files.writeString(folder.resolve("out.txt"), "before");
        IOException error = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", error.getMessage());
        assertEquals("before", Files.readString(file));
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void anUncheckedFailureLeavesNothingEither() throws IOException {
        Path file = folder.resolve("new.txt");
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(file, out -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of(), names());
    }

    @Test
    void aNewFileHasThePermissionsOfTheUmaskNotOnlyTheOwners() throws IOException {
        Path file = folder.resolve("shared.txt");
        AtomicFile.write(file, out -> out.write(1));
        Path plain = Files.createFile(folder.resolve("plain.txt"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    @Test
    void aPathThatCannotBeWrittenIsRefusedWithItsReasonBeforeAnyWork() throws IOException {
        Path file = Files.writeString(folder.resolve("model.bpz"), "a file");
        IOException underAFile = assertThrows(IOException.class, () -> AtomicFile.checkWritable(file.resolve("x.csv")));
        assertTrue(underAFile.getMessage().contains("is not a directory"), underAFile.getMessage());
        IOException directory = assertThrows(IOException.class, () -> AtomicFile.checkWritable(folder));
        assertTrue(directory.getMessage().endsWith("is a directory, not a file"), directory.getMessage());
        IOException writing = assertThrows(IOException.class,
                () -> AtomicFile.write(file.resolve("x.csv"), out -> out.write(1)));
        assertTrue(writing.getMessage().endsWith("exists, and is not a directory"), writing.getMessage());
        AtomicFile.checkWritable(folder.resolve("new/sub/x.csv"));
        assertEquals(List.of("model.bpz"), names(), "the check leaves nothing behind");
    }
}
