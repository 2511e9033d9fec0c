package dev.backprop.data.tabular;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.backprop.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the way from a CSV file to encoded rows (Jazzer): whatever the bytes,
 * reading with the defaults, fitting the default preprocessing and encoding the table either works
 * or ends in a {@link DataFormatException} that names the problem; any other exception is a
 * finding. A normal build runs the committed inputs under
 * {@code src/test/resources/dev/backprop/data/tabular/CsvJazzerTestInputs} as regression tests; a
 * fuzzing run is
 * {@code JAZZER_FUZZ=1 mvn -pl nn-data -am test -Dtest=CsvJazzerTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CsvJazzerTest {

    private static final Path CANDIDATE;

    static {
        try {
            CANDIDATE = Files.createTempDirectory("csv-jazzer").resolve("candidate.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void everyFileIsReadOrRejectedWithAReason(FuzzedDataProvider data) throws IOException {
        Files.write(CANDIDATE, data.consumeRemainingAsBytes());
        try {
            RawTable table = RawTable.read(CANDIDATE, CsvOptions.defaults());
            Preprocessor preprocessor = Preprocessor.fit(table, TabularOptions.defaults());
            preprocessor.encode(table);
        } catch (DataFormatException rejected) {
            if (rejected.getMessage() == null || rejected.getMessage().isBlank()) {
                throw new AssertionError("rejected without a reason", rejected);
            }
        }
    }
}
