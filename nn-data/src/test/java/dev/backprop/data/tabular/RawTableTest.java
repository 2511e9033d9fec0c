package dev.backprop.data.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.data.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawTableTest {

    @TempDir
    Path folder;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    private RawTable read(String name, String text) throws IOException {
        return RawTable.read(write(name, text), CsvOptions.defaults());
    }

    @Test
    void delimitersAreDetectedAndQuotesFollowRfc4180() throws IOException {
        RawTable comma = read("comma.csv", "a,b,label\n1,\"x, y\",yes\n2,\"two\nlines\",no\n");
        assertEquals(List.of("a", "b", "label"), comma.columns());
        assertEquals("x, y", comma.cell(0, 1));
        assertEquals("two\nlines", comma.cell(1, 1));
        assertEquals(3, comma.line(1), "the line the row starts on");
        RawTable semicolon = read("semicolon.csv", "a;b;label\n1,5;2;yes\n");
        assertEquals("1,5", semicolon.cell(0, 0));
        assertEquals(1.5, Cells.number(semicolon.cell(0, 0)), 0.0, "a decimal comma reads as a number");
        RawTable tab = read("tab.tsv", "a\tb\n1\t2\n");
        assertEquals(List.of("a", "b"), tab.columns());
    }

    @Test
    void aByteOrderMarkAndNoHeaderAndAGivenDelimiter() throws IOException {
        RawTable bom = read("bom.csv", "\uFEFFa,b\n1,2\n");
        assertEquals(List.of("a", "b"), bom.columns());
        RawTable plain = RawTable.read(write("plain.csv", "1|2|x\n3|4|y\n"), new CsvOptions('|', false));
        assertEquals(List.of("column1", "column2", "column3"), plain.columns());
        assertEquals(2, plain.size());
        assertEquals("y", plain.cell(1, 2));
    }

    private void assertRefused(String expected, String name, String text) throws IOException {
        Path file = write(name, text);
        DataFormatException error = assertThrows(DataFormatException.class, () -> RawTable.read(file, CsvOptions.defaults()));
        assertTrue(error.getMessage().contains(expected) && error.getMessage().contains(name), error.getMessage());
    }

    @Test
    void badFilesAreRefusedWithTheirPlace() throws IOException {
        assertRefused("line 3 has 2 fields where the header has 3", "ragged.csv", "a,b,c\n1,2,3\n4,5\n");
        assertRefused("a number written 1,5 needs quotes", "comma-decimal.csv", "a,b\n1,5,2\n");
        assertRefused("two columns 'a'", "duplicate.csv", "a,b,a\n1,2,3\n");
        assertRefused("is empty", "empty.csv", "");
        assertRefused("has a header but no rows", "header.csv", "a,b\n");
        Path latin1 = folder.resolve("latin1.csv");
        Files.write(latin1, "name,label\ncaf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> RawTable.read(latin1, CsvOptions.defaults()));
        assertTrue(error.getMessage().contains("is not UTF-8 text: line 2 has the byte 0xE9"), error.getMessage());
        assertThrows(DataFormatException.class, () -> RawTable.read(folder.resolve("absent.csv"), CsvOptions.defaults()));
    }

    @Test
    void aQuoteThatNeverClosesIsNamedByItsLineInOurWords() throws IOException {
        // FastCSV reads a quoted field up to 16 MB before it gives up, saying only "Exception when
        // reading first record".
        StringBuilder text = new StringBuilder("\"a,b\n");
        while (text.length() < 17_000_000) {
            text.append("12345,67890\n");
        }
        assertRefused("line 1 (the header): a field opens a quote", "open-quote.csv", text.toString());
    }

    @Test
    void cellsReadAsMissingNumbersOrCategories() {
        for (String missing : new String[] {"", " ", "NA", "n/a", "NaN", "null", "?"}) {
            assertTrue(Cells.isMissing(missing), "'" + missing + "'");
        }
        assertEquals(-1.5e-3, Cells.number(" -1.5e-3 "), 0.0);
        assertTrue(Double.isNaN(Cells.number("Infinity")));
        assertTrue(Double.isNaN(Cells.number("0x10")));
        assertTrue(Double.isNaN(Cells.number("1,000.5")));
        assertTrue(Double.isNaN(Cells.number("red")));
    }
}
