package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.core.data.InMemoryDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDataTest {

    @TempDir
    Path folder;

    @Test
    void readsFeaturesAndTheNamedLabelColumn() throws IOException {
        Path file = Files.writeString(folder.resolve("d.csv"), "a, label ,b\n1,0,2\n\n3.5,1,-4e-1\n");
        InMemoryDataset data = CsvData.read(file, "label");
        assertArrayEquals(new double[] {1, 2, 3.5, -0.4}, data.inputs().data, 0.0);
        assertArrayEquals(new double[] {0, 1}, data.targets().data, 0.0);
        assertArrayEquals(new double[] {1, 2, 3.5, -0.4}, CsvData.features(file, "label").data, 0.0);
    }

    @Test
    void badFilesAreReportedWithFileLineAndReason() throws IOException {
        assertMessage("a,label\n1,0\n2\n", "line 3: 1 cells, the header has 2");
        assertMessage("a,label\n1,0\nNaN,1\n", "line 3, column 'a': NaN is not a finite number");
        assertMessage("a,label\n1,0\n1,zero\n", "line 3, column 'label': 'zero' is not a number");
        assertMessage("a,a\n1,0\n", "line 1: the header needs distinct, non-empty column names");
        assertMessage("", "is empty: expected a header row");
        assertMessage("a,label\n", "has a header but no rows");
        assertMessage("a,b\n1,2\n", "no column named 'label'");
        assertThrows(DataFormatException.class, () -> CsvData.read(folder.resolve("none.csv"), "label"));
    }

    private void assertMessage(String content, String expected) throws IOException {
        Path file = Files.writeString(folder.resolve("bad.csv"), content);
        DataFormatException error = assertThrows(DataFormatException.class, () -> CsvData.read(file, "label"));
        assertEquals(true, error.getMessage().contains(expected), error.getMessage());
        assertEquals(true, error.getMessage().contains(file.toString()), error.getMessage());
    }
}
