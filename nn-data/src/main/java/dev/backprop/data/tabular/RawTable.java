package dev.backprop.data.tabular;

import dev.backprop.core.NumpyRandom;
import dev.backprop.data.DataFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The cells of a CSV file as text, with the line each row starts on: what a tabular schema is
 * inferred from and a preprocessor encodes. Read with FastCSV (RFC 4180 quoting), in UTF-8 with or
 * without a byte-order mark; every problem is a {@link DataFormatException} naming the file, the
 * line and the reason.
 */
public final class RawTable {

    private final String source;
    private final List<String> columns;
    private final List<String[]> rows;
    private final int[] lines;

    /**
     * A table from memory, such as rows a program received.
     *
     * @param source the name messages give, such as a file name
     * @param columns the column names
     * @param rows the cells, one array per row, each as long as {@code columns}
     * @throws DataFormatException if a row's length differs from the columns' or two columns share a name
     */
    public RawTable(String source, List<String> columns, List<String[]> rows) {
        this(source, columns, rows, lineNumbers(rows.size()));
    }

    RawTable(String source, List<String> columns, List<String[]> rows, int[] lines) {
        this.source = Objects.requireNonNull(source, "source");
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.lines = lines;
        Set<String> seen = new HashSet<>();
        for (String column : this.columns) {
            if (!seen.add(column)) {
                throw new DataFormatException(source + ": two columns are named '" + column + "'");
            }
        }
        for (int r = 0; r < this.rows.size(); r++) {
            if (this.rows.get(r).length != this.columns.size()) {
                throw new DataFormatException(source + ": line " + lines[r] + " has " + this.rows.get(r).length
                        + " fields, the header " + this.columns.size());
            }
        }
    }

    private static int[] lineNumbers(int count) {
        int[] lines = new int[count];
        for (int i = 0; i < count; i++) {
            lines[i] = i + 2;
        }
        return lines;
    }


    /**
     * Reads a CSV file: the header row names the columns (or, without one, they are named
     * {@code column1, column2, ...}); the delimiter is the one given, or else the one of
     * {@code ,} {@code ;} tab that the first line holds most often.
     *
     * @param file the file
     * @param options delimiter and header
     * @return its cells
     * @throws DataFormatException if the file is missing, too large for the heap, not UTF-8, empty,
     *     has only a header, ragged rows or duplicate column names
     */
    public static RawTable read(Path file, CsvOptions options) {
        return CsvTableReader.read(file, options);
    }

    /**
     * The delimiter {@link #read} takes when {@link CsvOptions#delimiter()} is null: the one of
     * {@code ,} {@code ;} tab that the first line holds most often outside quotes.
     *
     * @param head the start of a file, its first line at least
     * @return the delimiter, {@code ,} when the line holds none
     */
    public static char detectDelimiter(String head) {
        return CsvTableReader.detectDelimiter(head);
    }

    /** @return where the rows came from, as messages name it */
    public String source() {
        return source;
    }

    /** @return the column names, in file order */
    public List<String> columns() {
        return columns;
    }

    /** @return the number of rows */
    public int size() {
        return rows.size();
    }

    /**
     * @param row a row, from 0
     * @param column a column, from 0
     * @return the cell's text as the file holds it
     */
    public String cell(int row, int column) {
        return rows.get(row)[column];
    }

    /**
     * @param row a row, from 0
     * @return the line of the file it starts on, for messages
     */
    public int line(int row) {
        return lines[row];
    }

    /**
     * @param name a column's name
     * @return its index, or -1
     */
    public int indexOf(String name) {
        return columns.indexOf(name);
    }

    /**
     * @param keep the rows to keep, in order
     * @return a table of those rows only
     */
    public RawTable rows(int[] keep) {
        List<String[]> kept = new ArrayList<>(keep.length);
        int[] keptLines = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            kept.add(rows.get(keep[i]));
            keptLines[i] = lines[keep[i]];
        }
        return new RawTable(source, columns, kept, keptLines);
    }

    /**
     * Splits the rows in two, seeded: a random {@code fraction} of them (rounded) held out.
     *
     * @param fraction the share held out, in [0, 1)
     * @param seed the seed of the shuffle (NumPy's)
     * @return the kept rows and the held-out rows (null when none are held out), each in file order
     * @throws DataFormatException if the table is too small to hold any row out and keep one
     */
    public RawTable[] split(double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1), got " + fraction);
        }
        int held = (int) Math.round(size() * fraction);
        if (held == 0) {
            return new RawTable[] {this, null};
        }
        if (held >= size()) {
            throw new DataFormatException(source + ": " + size() + " rows are too few to hold out " + fraction
                    + " of them");
        }
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        new NumpyRandom(seed).shuffle(order);
        int[] kept = Arrays.copyOfRange(order, 0, size() - held);
        int[] out = Arrays.copyOfRange(order, size() - held, size());
        Arrays.sort(kept);
        Arrays.sort(out);
        return new RawTable[] {rows(kept), rows(out)};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d rows × %d columns %s", source, rows.size(), columns.size(), columns);
    }
}
