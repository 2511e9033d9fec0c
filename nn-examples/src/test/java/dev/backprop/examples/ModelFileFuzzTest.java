package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.backprop.core.io.ModelFile;
import dev.backprop.core.io.ModelFileException;
import dev.backprop.core.train.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation loop over model files: random bytes, bit flips, truncations, foreign zips, a
 * zip bomb, .npy headers claiming 2^31 elements, mutated model.json. Every input must load or end
 * in a {@link ModelFileException}: no other exception, no OutOfMemoryError, no hang.
 * {@code -Dfuzz.inputs=N} runs more (the default keeps the suite fast).
 */
class ModelFileFuzzTest {

    private static final int INPUTS = Integer.getInteger("fuzz.inputs", 3000);
    private static byte[] bombZip;

    @TempDir
    Path folder;

    @Test
    void noFileMakesTheLoaderFailOutsideItsContract() throws IOException {
        Model model = ModelFileTest.trainedSpiralModel(1);
        Path good = folder.resolve("good.bpz");
        ModelFile.save(model, good);
        byte[] original = Files.readAllBytes(good);
        List<byte[]> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        readEntries(good, names, entries);
        String json = new String(entries.get(names.indexOf("model.json")), StandardCharsets.UTF_8);
        Random random = new Random(20261128);
        int loaded = 0;
        int rejected = 0;
        Path candidate = folder.resolve("candidate.bpz");
        java.util.Map<String, Integer> unexpected = new java.util.TreeMap<>();
        java.util.Map<String, Throwable> firstOfEach = new java.util.TreeMap<>();
        for (int i = 0; i < INPUTS; i++) {
            byte[] bytes = mutate(random, i % 8, original, names, entries, json);
            Files.write(candidate, bytes);
            long start = System.nanoTime();
            try {
                ModelFile.load(candidate);
                loaded++;
            } catch (ModelFileException expected) {
                rejected++;
                if (reachedTheLastGuard(expected, candidate)) {
                    unexpected.merge(expected.getCause().getClass().getSimpleName(), 1, Integer::sum);
                    firstOfEach.putIfAbsent(expected.getCause().getClass().getSimpleName() + " at input " + i
                            + " (mutation " + i % 8 + ")", expected.getCause());
                }
            } catch (Throwable other) {
                fail("input " + i + " (mutation " + i % 8 + ") ended in " + other, other);
            }
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "input " + i + " took over 5 s");
        }
        assertEquals(INPUTS, loaded + rejected);
        assertTrue(rejected > INPUTS / 2, rejected + " rejected of " + INPUTS);
        System.out.printf("model file fuzzing: %d inputs, %d loaded, %d rejected with ModelFileException; "
                + "caught by the loader's last guard: %s%n", INPUTS, loaded, rejected, unexpected);
        // The loader's own checks name what is wrong; its catch-all is a last guard that nothing should reach.
        StringBuilder paths = new StringBuilder();
        firstOfEach.forEach((where, error) -> {
            java.io.StringWriter trace = new java.io.StringWriter();
            error.printStackTrace(new java.io.PrintWriter(trace));
            paths.append(where).append(": ").append(trace.toString().lines().limit(8)
                    .collect(java.util.stream.Collectors.joining("\n"))).append("\n");
        });
        assertTrue(unexpected.isEmpty(), "reached the last guard: " + unexpected + "\n" + paths);
    }

    private static byte[] mutate(Random random, int kind, byte[] original, List<String> names, List<byte[]> entries,
            String json) throws IOException {
        switch (kind) {
            case 0: { // random bytes
                byte[] bytes = new byte[random.nextInt(4096)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1: { // bit flips anywhere
                byte[] bytes = original.clone();
                for (int f = 1 + random.nextInt(8); f > 0; f--) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            }
            case 2: // truncation
                return java.util.Arrays.copyOf(original, random.nextInt(original.length));
            case 3: { // one entry's bytes flipped, the zip rebuilt with valid CRCs
                int which = random.nextInt(entries.size());
                byte[] entry = entries.get(which).clone();
                for (int f = 1 + random.nextInt(4); f > 0 && entry.length > 0; f--) {
                    entry[random.nextInt(entry.length)] = (byte) random.nextInt(256);
                }
                return zip(names, entries, which, entry, ZipEntry.STORED);
            }
            case 4: { // model.json with a number, a word or a bracket changed
                String mutated = mutateJson(random, json);
                return zip(names, entries, names.indexOf("model.json"), mutated.getBytes(StandardCharsets.UTF_8),
                        ZipEntry.STORED);
            }
            case 5: { // an .npy header that claims 2^31 (or another huge number of) elements
                int which = firstNpy(names);
                String header = new String(entries.get(which), 0, 128, StandardCharsets.ISO_8859_1);
                String claim = random.nextBoolean() ? "(65536, 32768)" : "(" + (1 + random.nextInt(1 << 20)) + ", 2048)";
                String forged = header.replaceFirst("\\(\\d+, \\d+\\)", claim);
                byte[] entry = entries.get(which).clone();
                byte[] forgedBytes = forged.getBytes(StandardCharsets.ISO_8859_1);
                System.arraycopy(forgedBytes, 0, entry, 0, Math.min(forgedBytes.length, entry.length));
                return zip(names, entries, which, entry, ZipEntry.STORED);
            }
            case 6: { // a zip bomb: model.json of 64 MiB of spaces, deflated to a few kilobytes
                if (bombZip == null) {
                    byte[] bomb = new byte[64 << 20];
                    java.util.Arrays.fill(bomb, (byte) ' ');
                    bombZip = zip(names, entries, names.indexOf("model.json"), bomb, ZipEntry.DEFLATED);
                }
                return bombZip;
            }
            default: { // a foreign zip
                return zip(List.of("hello.txt"), List.of("hello".getBytes(StandardCharsets.UTF_8)), -1, null, ZipEntry.DEFLATED);
            }
        }
    }

    private static String mutateJson(Random random, String json) {
        String[] replacements = {"-1", "0", "1e308", "2147483648", "\"x\"", "null", "[]", "{}", "true", "[[[[[[[[", "NaN"};
        int at = random.nextInt(json.length());
        int end = Math.min(json.length(), at + 1 + random.nextInt(12));
        return json.substring(0, at) + replacements[random.nextInt(replacements.length)] + json.substring(end);
    }

    private static int firstNpy(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).endsWith(".npy")) {
                return i;
            }
        }
        throw new IllegalStateException("no .npy entry");
    }

    /**
     * @return whether the loader's catch-all made this exception (its message is exactly the file, "is
     *     not a valid model file: " and the unforeseen exception), rather than one of its checks; a
     *     check's message may quote the file's own text, so a substring is not enough
     */
    static boolean reachedTheLastGuard(ModelFileException rejected, Path file) {
        return rejected.getCause() instanceof RuntimeException
                && rejected.getMessage().equals(file + " is not a valid model file: " + rejected.getCause());
    }

    /** Adds the name and the bytes of each entry of a zip file, in order. */
    static void readEntries(Path file, List<String> names, List<byte[]> entries) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                names.add(entry.getName());
                entries.add(zip.getInputStream(entry).readAllBytes());
            }
        }
    }

    static byte[] zip(List<String> names, List<byte[]> entries, int replace, byte[] replacement, int method)
            throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(buffer)) {
            for (int i = 0; i < names.size(); i++) {
                byte[] content = i == replace ? replacement : entries.get(i);
                ZipEntry entry = new ZipEntry(names.get(i));
                entry.setMethod(i == replace ? method : ZipEntry.STORED);
                if (entry.getMethod() == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    entry.setSize(content.length);
                    entry.setCompressedSize(content.length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(content);
                out.closeEntry();
            }
        }
        return buffer.toByteArray();
    }
}
