package dev.backprop.examples;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.io.ModelFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;

/**
 * Coverage-guided fuzzing of the model-file loader (Jazzer): every input loads or ends in a
 * {@link ModelFileException} raised by the loader's own checks; another exception, or one that only
 * the loader's last guard turns into a {@code ModelFileException}, is a finding.
 *
 * <p>The input is read structure-aware, so that most cases get past the zip reader: the first
 * choice is raw bytes, one entry of a real model file replaced by fuzzed bytes (the zip kept valid),
 * or model.json with fuzzed text spliced in. A normal build runs the committed inputs under
 * {@code src/test/resources/.../ModelFileJazzerTestInputs} as regression tests; a fuzzing run is
 * {@code JAZZER_FUZZ=1 mvn -pl nn-examples -am test -Dtest=ModelFileJazzerTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (findings are written beside the inputs, where they become regression tests once committed).
 */
class ModelFileJazzerTest {

    private static final List<String> NAMES = new ArrayList<>();
    private static final List<byte[]> ENTRIES = new ArrayList<>();
    private static final Path CANDIDATE;

    static {
        try {
            Path folder = Files.createTempDirectory("model-file-jazzer");
            Path good = folder.resolve("good.bpz");
            ModelFile.save(ModelFileTest.trainedSpiralModel(1), good);
            ModelFileFuzzTest.readEntries(good, NAMES, ENTRIES);
            CANDIDATE = folder.resolve("candidate.bpz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void everyFileLoadsOrIsRejectedByTheLoadersChecks(FuzzedDataProvider data) throws IOException {
        Files.write(CANDIDATE, candidate(data));
        try {
            ModelFile.load(CANDIDATE);
        } catch (ModelFileException rejected) {
            if (ModelFileFuzzTest.reachedTheLastGuard(rejected, CANDIDATE)) {
                throw new AssertionError("reached the loader's last guard: " + rejected.getCause(), rejected);
            }
        }
    }

    private static byte[] candidate(FuzzedDataProvider data) throws IOException {
        switch (data.consumeInt(0, 2)) {
            case 0:
                return data.consumeRemainingAsBytes();
            case 1: {
                int which = data.consumeInt(0, NAMES.size() - 1);
                return ModelFileFuzzTest.zip(NAMES, ENTRIES, which, data.consumeRemainingAsBytes(), ZipEntry.STORED);
            }
            default: {
                int json = NAMES.indexOf("model.json");
                String text = new String(ENTRIES.get(json), StandardCharsets.UTF_8);
                int at = data.consumeInt(0, text.length());
                int cut = Math.min(text.length(), at + data.consumeInt(0, 32));
                String edited = text.substring(0, at) + data.consumeRemainingAsString() + text.substring(cut);
                return ModelFileFuzzTest.zip(NAMES, ENTRIES, json, edited.getBytes(StandardCharsets.UTF_8),
                        ZipEntry.STORED);
            }
        }
    }
}
