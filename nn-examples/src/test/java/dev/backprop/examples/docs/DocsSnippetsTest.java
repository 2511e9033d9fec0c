package dev.backprop.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Parameter;
import dev.backprop.data.tabular.CsvOptions;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of README.md and docs/ stands, line for line, between the markers
 * {@code // snippet NAME} and {@code // end snippet} of a test source here, which the build
 * compiles (or of the downstream project in {@code src/it}, which it builds and tests), and its
 * imports are among that file's; every marked snippet is shown somewhere. So no
 * snippet can rot. The snippets that need no files of their own run here too.
 */
class DocsSnippetsTest {

    @TempDir
    Path folder;

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

    /** The project's root: where README.md is, above this module. */
    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("README.md"))) {
            here = here.getParent();
        }
        assertTrue(here != null, "README.md above " + Path.of("").toAbsolutePath());
        return here;
    }

    /** Lines without their indentation, blank lines left out. */
    private static List<String> normalised(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private record Region(Path file, String name, List<String> lines, Set<String> imports) {}

    private static List<Region> regions() throws IOException {
        List<Region> regions = new ArrayList<>();
        List<Path> sources;
        // This module's tests, and the downstream project the build compiles against the installed jars.
        try (Stream<Path> tests = Files.walk(root().resolve("nn-examples/src/test/java"));
                Stream<Path> downstream = Files.walk(root().resolve("nn-examples/src/it"))) {
            sources = Stream.concat(tests, downstream).filter(file -> file.toString().endsWith(".java")).toList();
        }
        for (Path file : sources) {
            List<String> lines = normalised(Files.readString(file));
            Set<String> imports = lines.stream().filter(line -> line.startsWith("import ")).collect(Collectors.toSet());
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("// snippet ")) {
                    int end = lines.subList(i, lines.size()).indexOf("// end snippet");
                    assertTrue(end > 0, file + ": a snippet without its end");
                    regions.add(new Region(file, lines.get(i).substring(11), lines.subList(i + 1, i + end), imports));
                }
            }
        }
        return regions;
    }

    private static Map<String, String> javaBlocks() throws IOException {
        Map<String, String> blocks = new LinkedHashMap<>();
        List<Path> pages = new ArrayList<>(List.of(root().resolve("README.md")));
        try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        for (Path page : pages) {
            Matcher matcher = JAVA_BLOCK.matcher(Files.readString(page));
            int n = 0;
            while (matcher.find()) {
                blocks.put(root().relativize(page) + " #" + ++n, matcher.group(1));
            }
        }
        return blocks;
    }

    @Test
    void everyJavaSnippetOfTheDocsIsCompiledHereAsItIsShown() throws IOException {
        List<Region> regions = regions();
        Map<String, String> blocks = javaBlocks();
        assertTrue(blocks.size() >= 12, "the pages' Java blocks were found: " + blocks.keySet());
        List<String> unmatched = new ArrayList<>();
        List<Region> used = new ArrayList<>();
        for (Map.Entry<String, String> block : blocks.entrySet()) {
            List<String> lines = normalised(block.getValue());
            List<String> imports = lines.stream().filter(line -> line.startsWith("import ")).toList();
            List<String> body = lines.stream().filter(line -> !line.startsWith("import ")).toList();
            Region region = regions.stream().filter(r -> r.lines().equals(body) && r.imports().containsAll(imports))
                    .findFirst().orElse(null);
            if (region == null) {
                unmatched.add(block.getKey() + " (" + body.get(0) + ")");
            } else {
                used.add(region);
            }
        }
        assertEquals(List.of(), unmatched, "Java blocks of the docs that no test source holds as they are shown");
        List<String> unused = regions.stream().filter(region -> !used.contains(region))
                .map(region -> region.file().getFileName() + ": " + region.name()).toList();
        assertEquals(List.of(), unused, "snippets marked in the tests that no page shows");
    }

    @Test
    void theReadmeTableExampleTrainsAndSavesAModelThatPredictsClassNames() throws IOException {
        NumpyRandom random = new NumpyRandom(4);
        StringBuilder csv = new StringBuilder("petal_length,petal_width,colour,species\n");
        String[] species = {"setosa", "versicolor", "virginica"};
        for (int r = 0; r < 300; r++) {
            int kind = r % 3;
            csv.append(String.format(Locale.ROOT, "%.2f,%.2f,%s,%s%n", 1.5 + 2.2 * kind + 0.4 * random.nextGaussian(),
                    0.3 + 0.8 * kind + 0.2 * random.nextGaussian(), random.uniform(0, 1) < 0.5 ? "pale" : "deep",
                    species[kind]));
        }
        Path file = Files.writeString(folder.resolve("flowers.csv"), csv);
        Path model = folder.resolve("flowers.bpz");
        double accuracy = ReadmeTable.main(new String[] {file.toString(), model.toString()});
        assertTrue(accuracy > 0.9, "held-out accuracy " + accuracy);
        TabularModel.Predictions predictions = TabularModel.load(model).predict(RawTable.read(file, CsvOptions.defaults()));
        assertEquals(List.of(species), predictions.classes());
        assertTrue(List.of(species).contains(predictions.predictedClass(0)));
    }

    @Test
    void theOptimizerOfTheDocsStepsBySign() {
        Parameter w = new Parameter("w", new DMatrixRMaj(1, 3, true, 1.0, -2.0, 0.5));
        w.grad().data[0] = 0.3;
        w.grad().data[1] = -4;
        new SignDescent(0.1).step(List.of(w));
        assertEquals(List.of(0.9, -1.9, 0.5), List.of(w.value().data[0], w.value().data[1], w.value().data[2]));
    }
}
