package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.io.ModelFileException;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.data.BookDatasets;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Dropout;
import dev.backprop.layers.Initializer;
import dev.backprop.layers.LeakyReLU;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.Softmax;
import dev.backprop.optim.Adam;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path folder;

    static Model trainedSpiralModel(int epochs) {
        NumpyRandom random = new NumpyRandom(0);
        InMemoryDataset data = BookDatasets.spiral(100, 3, random);
        Model model = Model.builder(new Sequential(
                        Dense.builder(2, 16).weightL2(5e-4).initializer(Initializer.scaledNormal(0.1, random)).build(),
                        new LeakyReLU(0.05),
                        new Dropout(0.1, 3),
                        new Dense(16, 3, Initializer.scaledNormal(0.1, random)),
                        new Softmax()))
                .loss(new CategoricalCrossEntropy())
                .optimizer(Adam.builder().learningRate(0.02).decay(1e-4).build())
                .metric(new CategoricalAccuracy())
                .build();
        model.fit(data, FitOptions.builder().epochs(epochs).batchSize(64).seed(5).build());
        return model;
    }

    @Test
    void aSavedModelLoadsWithTheSameWeightsPredictionsAndOptimizerState() {
        Model model = trainedSpiralModel(5);
        Path file = folder.resolve("spiral.bpz");
        ModelFile.save(model, file, Map.of("dataset", "spiral"));
        ModelFile.Contents contents = ModelFile.read(file);
        Model loaded = contents.model();
        assertEquals("spiral", contents.metadata().get("dataset"));
        assertEquals(model.network().toString(), loaded.network().toString());
        DMatrixRMaj inputs = BookDatasets.spiral(50, 3, new NumpyRandom(9)).inputs();
        assertArrayEquals(model.predict(inputs).data, loaded.predict(inputs).data, 0.0);
        assertEquals(((Adam) model.optimizer()).iterations(), ((Adam) loaded.optimizer()).iterations());
        assertTrue(loaded.usesFusedBackward());
        assertEquals(List.of("accuracy"), loaded.metrics().stream().map(m -> m.name()).toList());

        // Training both further gives the same weights, bit for bit: the Adam moments and the
        // dropout stream came back too.
        InMemoryDataset more = BookDatasets.spiral(100, 3, new NumpyRandom(1));
        FitOptions options = FitOptions.builder().epochs(3).batchSize(32).seed(11).build();
        model.fit(more, options);
        loaded.fit(more, options);
        List<Parameter> a = model.parameters();
        List<Parameter> b = loaded.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value().data, b.get(i).value().data, 0.0, a.get(i).toString());
        }
    }

    @Test
    void numpyReadsTheFileAsAnNpz() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 here");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import numpy").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor() == 0, "NumPy is not installed (Debian's python3-numpy)");
        Model model = trainedSpiralModel(2);
        Path file = folder.resolve("model.bpz");
        ModelFile.save(model, file);
        Process process = new ProcessBuilder(python.toString(), "-c",
                "import numpy, sys; d = numpy.load(sys.argv[1]); w = d['param.0.weights'];"
                        + " print(w.dtype, w.shape, repr(float(w[1, 2])), 'optimizer.0.1' in d.files)",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.waitFor(), out);
        double expected = model.parameters().get(0).value().get(1, 2);
        assertEquals("float64 (2, 16) " + expected + " True", out);
    }

    @Test
    void savingReplacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path file = folder.resolve("m.bpz");
        ModelFile.save(trainedSpiralModel(1), file);
        long first = Files.size(file);
        ModelFile.save(trainedSpiralModel(2), file);
        assertTrue(Files.size(file) > 0 && first > 0);
        try (var listing = Files.list(folder)) {
            assertEquals(List.of(file), listing.toList());
        }
        Path blocked = folder.resolve("not-a-folder");
        Files.writeString(blocked, "x");
        assertThrows(ModelFileException.class, () -> ModelFile.save(trainedSpiralModel(1), blocked.resolve("m.bpz")));
    }

    @Test
    void damagedAndForeignFilesGetClearErrors() throws IOException {
        Path good = folder.resolve("good.bpz");
        ModelFile.save(trainedSpiralModel(1), good);
        byte[] bytes = Files.readAllBytes(good);

        assertMessage("No model file at", folder.resolve("missing.bpz"));
        Path truncated = write("truncated.bpz", java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage("truncated.bpz", truncated);
        assertMessage("not a model file", write("text.bpz", "hello".getBytes(StandardCharsets.UTF_8)));

        String json = entry(good, "model.json");
        assertMessage("format version 2", rewrite(good, "future.bpz", "model.json",
                json.replace("\"version\": 1", "\"version\": 2")));
        assertMessage("the layer type 'Conv2D'", rewrite(good, "conv.bpz", "model.json",
                json.replace("\"type\": \"LeakyReLU\"", "\"type\": \"Conv2D\"")));
        assertMessage("needs a 2×16 parameter where the file declares 2×17", rewrite(good, "shape.bpz", "model.json",
                json.replace("[2, 16]", "[2, 17]")));
        assertMessage("bytes of parameters but holds only", rewrite(good, "huge.bpz", "model.json",
                json.replace("\"inputs\": 2,", "\"inputs\": 65536,").replace("[2, 16]", "[65536, 16384]")
                        .replace("\"outputs\": 16,", "\"outputs\": 16384,")));
        assertMessage("not valid", rewrite(good, "json.bpz", "model.json", "{\"format\": "));
    }

    private void assertMessage(String expected, Path file) {
        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertFalse(error.getMessage().isBlank());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    private static String entry(Path zip, String name) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return new String(file.getInputStream(file.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Copies a model file with one entry's text replaced. */
    private Path rewrite(Path source, String name, String entryName, String text) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(source.toFile()); ZipOutputStream out = new ZipOutputStream(buffer)) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] content = entry.getName().equals(entryName)
                        ? text.getBytes(StandardCharsets.UTF_8) : in.getInputStream(entry).readAllBytes();
                out.write(content);
                out.closeEntry();
            }
        }
        Path target = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(target)) {
            buffer.writeTo(out);
        }
        return target;
    }
}
