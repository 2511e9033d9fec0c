package dev.backprop.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a test fixture of lines {@code name: v1 v2 ...} (blank lines and {@code #} comments
 * skipped) from the class path; the fixtures are written by the Python scripts beside them.
 */
public final class Fixture {

    private final Map<String, String[]> rows = new HashMap<>();

    /**
     * @param owner the class beside whose package the resource lies
     * @param resource the resource name, relative to that package
     * @throws IOException if the resource is missing or unreadable
     */
    public Fixture(Class<?> owner, String resource) throws IOException {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing fixture " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(": ");
                rows.put(line.substring(0, colon), line.substring(colon + 2).trim().split(" "));
            }
        }
    }

    /**
     * @param name the row's name
     * @return the row's values as doubles
     */
    public double[] doubles(String name) {
        String[] cells = cells(name);
        double[] values = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = Double.parseDouble(cells[i]);
        }
        return values;
    }

    /**
     * @param name the row's name
     * @return the row's values as written
     */
    public String[] cells(String name) {
        String[] cells = rows.get(name);
        if (cells == null) {
            throw new IllegalArgumentException("no row " + name);
        }
        return cells;
    }
}
