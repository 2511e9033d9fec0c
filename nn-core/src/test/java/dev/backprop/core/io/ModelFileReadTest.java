package dev.backprop.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Sequential;
import dev.backprop.core.SumOfSquares;
import dev.backprop.core.train.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a model file in the module that reads it: the round trip, and every damage named. */
class ModelFileReadTest {

    @TempDir
    Path folder;

    private Path saved() {
        Offset offset = new Offset(3);
        offset.bias().data[0] = 1.5;
        offset.bias().data[2] = -0.25;
        Path file = folder.resolve("offset.bpz");
        ModelFile.save(Model.builder(new Sequential(offset)).loss(new SumOfSquares()).build(), file,
                Map.of("epochs", 300, "note", "test"));
        return file;
    }

    /** The file again with model.json's text changed. */
    private Path edited(Path file, String from, String to) throws IOException {
        Path copy = folder.resolve("edited.bpz");
        try (ZipFile zip = new ZipFile(file.toFile()); OutputStream out = Files.newOutputStream(copy);
                ZipOutputStream rewritten = new ZipOutputStream(out)) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("model.json")) {
                    String json = new String(bytes, StandardCharsets.UTF_8);
                    assertTrue(json.contains(from), json);
                    bytes = json.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                ModelArchive.put(rewritten, entry.getName(), bytes);
            }
        }
        return copy;
    }

    private static void assertRefused(String expected, Path file) {
        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void aModelReadsBackWithItsWeightsAndMetadata() throws IOException {
        ModelFile.Contents contents = ModelFile.read(saved());
        Offset offset = (Offset) ((Sequential) contents.model().network()).layers().get(0);
        assertArrayEquals(new double[] {1.5, 0, -0.25}, offset.bias().data, 0.0);
        assertEquals(300.0, contents.metadata().get("epochs"));
        assertEquals("test", contents.metadata().get("note"));
        assertTrue(Files.readString(saved(), StandardCharsets.ISO_8859_1).contains("\"epochs\": 300"),
                "a whole number is written without .0");
    }

    @Test
    void everyDamageIsAModelFileErrorNamingTheFile() throws IOException {
        Path file = saved();
        assertRefused("No model file at", folder.resolve("absent.bpz"));
        assertRefused("is not a model file (not a zip archive", Files.writeString(folder.resolve("text.bpz"), "hello"));
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int weights = text.indexOf("\u0000\u0000\u0000\u0000\u0000\u0000\u00f8\u003f"); // 1.5 as a little-endian double
        assertTrue(weights > 0);
        bytes[weights + 7] ^= 0x01;
        Path flipped = Files.write(folder.resolve("flipped.bpz"), bytes);
        assertRefused("param.0.bias.npy is damaged: its checksum does not match", flipped);
        assertRefused("declares 8589934560 bytes of parameters but holds only", edited(file, "[1, 3]", "[1, 1073741820]"));
        assertRefused("layer TestOffset needs a 1×3 parameter where the file declares 1×4", edited(file, "[1, 3]",
                "[1, 4]"));
        assertRefused("has format version 2; this Backprop reads up to 1", edited(file, "\"version\": 1", "\"version\": 2"));
        assertRefused("is not a Backprop model file", edited(file, "backprop-model", "other-model"));
    }
}
