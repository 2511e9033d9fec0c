package dev.backprop.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads a test fixture of lines {@code name: v1 v2 ...} from the test class path. */
final class Fixture {

    private final Map<String, String[]> rows = new HashMap<>();

    Fixture(String resource) throws IOException {
        try (InputStream in = Fixture.class.getResourceAsStream(resource)) {
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

    double[] doubles(String name) {
        String[] cells = cells(name);
        double[] values = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = Double.parseDouble(cells[i]);
        }
        return values;
    }

    String[] cells(String name) {
        String[] cells = rows.get(name);
        if (cells == null) {
            throw new IllegalArgumentException("no row " + name);
        }
        return cells;
    }
}
