package dev.backprop.data.tabular;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.backprop.data.DataFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a CSV file into a {@link RawTable} with FastCSV (RFC 4180 quoting), in strict UTF-8 with
 * or without a byte-order mark; every problem becomes a {@link DataFormatException} in our words,
 * naming the file, the line and what to do.
 */
final class CsvTableReader {

    /** The share of the JVM's largest heap a file may take on disk before it is refused. */
    private static final int HEAP_SHARE = 8;

    private CsvTableReader() {}

    /**
     * Reads a CSV file.
     *
     * @param file the file
     * @param options delimiter and header
     * @return its cells
     * @throws DataFormatException if the file is missing, too large for the heap, not UTF-8, empty,
     *     has only a header, ragged rows or duplicate column names
     */
    static RawTable read(Path file, CsvOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        String name = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException("No file at " + name);
        } catch (IOException e) {
            throw new DataFormatException("Cannot read " + name + ": " + e.getMessage(), e);
        }
        long limit = Runtime.getRuntime().maxMemory() / HEAP_SHARE;
        if (size > limit) {
            throw new DataFormatException(name + " has " + size + " bytes; this JVM reads CSV files of up to " + limit
                    + " (an eighth of its heap: raise -Xmx)");
        }
        try (BufferedReader reader = strictUtf8(file)) {
            reader.mark(1 << 16);
            char[] start = new char[1 << 16];
            int read = reader.read(start);
            reader.reset();
            String head = read <= 0 ? "" : new String(start, 0, read);
            if (head.startsWith("\uFEFF")) {
                reader.skip(1);
                head = head.substring(1);
            }
            char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(head);
            return parse(name, reader, delimiter, options.header());
        } catch (CharacterCodingException e) {
            throw notUtf8(file, e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException coding) {
                throw notUtf8(file, coding);
            }
            throw new DataFormatException("Cannot read " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException("Cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** Names the line and the byte where a file stops being UTF-8. */
    private static DataFormatException notUtf8(Path file, CharacterCodingException cause) {
        String where = "";
        try {
            byte[] bytes = Files.readAllBytes(file);
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(1 << 12);
            java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
            while (true) {
                java.nio.charset.CoderResult result = decoder.decode(in, out, true);
                out.clear();
                if (result.isError()) {
                    int offset = in.position();
                    int line = 1;
                    for (int i = 0; i < offset; i++) {
                        line += bytes[i] == '\n' ? 1 : 0;
                    }
                    where = String.format(java.util.Locale.ROOT, ": line %d has the byte 0x%02X, which UTF-8 does not "
                            + "allow there (Latin-1 or Windows-1252 text?)", line, bytes[offset] & 0xff);
                    break;
                }
                if (!result.isOverflow()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the file changed or vanished since: say only that it is not UTF-8
        }
        return new DataFormatException(file + " is not UTF-8 text" + where + "; save it as UTF-8", cause);
    }

    private static BufferedReader strictUtf8(Path file) throws IOException {
        Reader decoder = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        return new BufferedReader(decoder, 1 << 16);
    }

    /**
     * The delimiter {@link #read} takes when {@link CsvOptions#delimiter()} is null: the one of
     * {@code ,} {@code ;} tab that the first line holds most often outside quotes.
     *
     * @param head the start of a file, its first line at least
     * @return the delimiter, {@code ,} when the line holds none
     */
    static char detectDelimiter(String head) {
        int[] counts = new int[3];
        char[] candidates = {',', ';', '\t'};
        boolean quoted = false;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < candidates.length; k++) {
                    if (c == candidates[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < candidates.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }

    private static RawTable parse(String name, Reader reader, char delimiter, boolean header) {
        List<String> columns = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(delimiter).skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).ofCsvRecord(reader);
        try {
            for (CsvRecord record : csv) {
                String[] fields = record.getFields().toArray(new String[0]);
                if (columns == null) {
                    if (header) {
                        columns = names(name, fields);
                        continue;
                    }
                    columns = new ArrayList<>();
                    for (int i = 0; i < fields.length; i++) {
                        columns.add("column" + (i + 1));
                    }
                }
                if (fields.length != columns.size()) {
                    throw new DataFormatException(name + ": line " + record.getStartingLineNumber() + " has "
                            + fields.length + " fields where the " + (header ? "header has " : "first row has ")
                            + columns.size() + describe(delimiter));
                }
                rows.add(fields);
                lines.add((int) Math.min(Integer.MAX_VALUE, record.getStartingLineNumber()));
            }
        } catch (CsvParseException e) {
            // FastCSV's own words name neither the line nor what to do; the record after the last one
            // read is where the parser stopped.
            long line = lines.isEmpty() ? (columns == null ? 1 : 2) : lines.get(lines.size() - 1) + 1;
            boolean quote = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                    .contains("quotation");
            throw new DataFormatException(name + ": line " + line + (columns == null && header ? " (the header)" : "")
                    + (quote ? ": a field opens a quote ('\"') that does not close within 16 MB; close it, or "
                            + "double each '\"' inside a quoted field"
                            : ": " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())), e);
        }
        if (columns == null) {
            throw new DataFormatException(name + " is empty");
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(name + " has a header but no rows");
        }
        return new RawTable(name, columns, rows, lines.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String describe(char delimiter) {
        String shown = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
        return " (fields separated by " + shown + (delimiter == ','
                ? "; a number written 1,5 needs quotes or another delimiter)" : ")");
    }

    private static List<String> names(String file, String[] fields) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.length; i++) {
            String column = fields[i].strip();
            if (column.isEmpty()) {
                column = "column" + (i + 1);
            }
            if (!seen.add(column)) {
                throw new DataFormatException(file + ": the header names two columns '" + column + "'");
            }
            names.add(column);
        }
        return names;
    }
}
