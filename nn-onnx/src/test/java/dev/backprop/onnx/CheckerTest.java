package dev.backprop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.core.linalg.Precision;
import dev.backprop.data.tabular.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of exported file passes ONNX's own checker (Debian's python3-onnx, with full shape
 * inference); skipped where it is not installed ({@code .ci/run} installs it).
 */
class CheckerTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path folder;

    private static boolean checkerInstalled() throws InterruptedException {
        try {
            return new ProcessBuilder(PYTHON, "-c", "import onnx.checker").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private List<Path> everyKindOfFile() {
        List<Path> files = new ArrayList<>();
        for (Precision precision : Precision.values()) {
            OnnxOptions options = OnnxOptions.defaults().withPrecision(precision);
            Path layers = folder.resolve("layers-" + precision + ".onnx");
            OnnxExport.write(LayerExportTest.everyLayer(), layers, options.withClassNames(List.of("a", "b", "c", "d")));
            Path classifier = folder.resolve("classifier-" + precision + ".onnx");
            OnnxExport.write(TabularExportTest.trained(Task.CLASSIFICATION), classifier, options);
            Path regression = folder.resolve("regression-" + precision + ".onnx");
            OnnxExport.write(TabularExportTest.trained(Task.REGRESSION), regression,
                    options.withMetadata(java.util.Map.of("recipe", java.util.Map.of("epochs", 20))));
            files.addAll(List.of(layers, classifier, regression));
        }
        return files;
    }

    @Test
    void everyExportedFilePassesOnnxsChecker() throws Exception {
        assumeTrue(checkerInstalled(), "python3-onnx is not installed");
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", String.join("\n",
                "import sys, onnx",
                "for path in sys.argv[1:]:",
                "    onnx.checker.check_model(onnx.load(path), full_check=True)",
                "    print('ok', path)")));
        everyKindOfFile().forEach(file -> command.add(file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertEquals(6, output.lines().filter(line -> line.startsWith("ok ")).count(), output);
    }

    @Test
    void theSummaryNamesInputsOutputsAndOperators() {
        Path file = folder.resolve("classifier.onnx");
        OnnxExport.write(TabularExportTest.trained(Task.CLASSIFICATION), file, OnnxOptions.defaults()
                .withMetadata(java.util.Map.of("classes", 3, "dataset", "shop")));
        String summary = OnnxSummary.describe(file);
        assertTrue(summary.contains("opsets: ai.onnx 17, ai.onnx.ml 3"), summary);
        assertTrue(summary.contains("input  colour                   string [N × 1]"), summary);
        assertTrue(summary.contains("input  weight                   float [N × 1]"), summary);
        assertTrue(summary.contains("output probabilities            float [N × 3]"), summary);
        assertTrue(summary.contains("output label                    string [N]"), summary);
        assertTrue(summary.contains("ai.onnx.ml.OneHotEncoder=2"), summary);
        assertTrue(summary.contains("Gemm=2"), summary);
        assertTrue(summary.contains("metadata backprop.dataset = shop"), summary);
        assertTrue(summary.contains("metadata backprop.preprocessing = { \"label\": \"kind\", "), summary);
        assertTrue(summary.contains("metadata backprop.classes = [\"budget\", \"premium\", \"standard\"]"), summary);
    }

    @Test
    void aFileThatIsNotOnnxIsSaidSo() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.onnx"), "not a model");
        OnnxExportException error = assertThrows(OnnxExportException.class, () -> OnnxSummary.describe(file));
        assertTrue(error.getMessage().startsWith(file + " is not an ONNX model"), error.getMessage());
    }
}
