package dev.backprop.core.io;

import dev.backprop.core.train.Model;
import dev.backprop.core.linalg.Gemm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Serves a trained model's predictions from many threads at once.
 *
 * <p>A {@link Model} is not thread-safe: its layers keep the buffers of the batch they last saw.
 * A predictor gives every thread its own copy of the model, loaded from one model file, so that
 * threads never share a buffer; each copy is made the first time its thread predicts. Results are
 * those of the single-threaded model for the same inputs, bit for bit. (A batch's size can choose
 * another matrix-product backend, see {@link Gemm}, so one row alone and the same row in a large
 * batch may differ in the last bit.)
 */
public final class Predictor implements AutoCloseable {

    private final Path file;
    private final boolean temporary;
    private final ThreadLocal<Model> copies;

    private Predictor(Path file, boolean temporary) {
        this.file = file;
        this.temporary = temporary;
        this.copies = ThreadLocal.withInitial(() -> ModelFile.load(file));
        copies.get(); // fails now, in the caller's thread, if the file does not load
    }

    /**
     * A predictor of a model as it is now; later training of {@code model} does not change it.
     *
     * @param model the model to serve
     * @return the predictor; {@link #close()} deletes its snapshot
     */
    public static Predictor of(Model model) {
        Objects.requireNonNull(model, "model");
        try {
            Path snapshot = Files.createTempFile("backprop-predictor-", ".bpz");
            ModelFile.save(model, snapshot);
            return new Predictor(snapshot, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a snapshot of the model: " + e.getMessage(), e);
        }
    }

    /**
     * A predictor of a saved model.
     *
     * @param file a model file
     * @return the predictor
     * @throws ModelFileException if the file does not load
     */
    public static Predictor load(Path file) {
        return new Predictor(file, false);
    }

    /**
     * The model's output for every row of {@code inputs}; safe to call from any number of threads.
     *
     * @param inputs one sample per row
     * @return a new matrix, owned by the caller
     */
    public DMatrixRMaj predict(DMatrixRMaj inputs) {
        return copies.get().predict(inputs);
    }

    /** Deletes the snapshot made by {@link #of}; the threads' copies stay usable. */
    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
