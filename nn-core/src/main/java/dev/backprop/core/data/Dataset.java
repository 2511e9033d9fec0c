package dev.backprop.core.data;

import dev.backprop.core.NumpyRandom;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * Where a model's samples come from: one pass over the data, in batches, per call of
 * {@link #batches}.
 *
 * <p>{@link #of} holds the data in memory, shuffles it and splits it; {@link #ofBatches} wraps a
 * stream of batches (read from files, a database, a generator) that need not fit in memory, and
 * the training loop treats both the same way.
 */
public interface Dataset {

    /**
     * One pass over the data.
     *
     * @param batchSize the largest number of samples in a batch; the last batch may be smaller
     * @param order the source of a shuffle of this pass, or {@code null} for the stored order
     * @return the batches; a batch may reuse the previous one's matrices, so it stays valid only
     *     until the next call of {@code next()}
     */
    Iterator<Batch> batches(int batchSize, NumpyRandom order);

    /**
     * Samples held in memory.
     *
     * @param inputs one sample per row (not copied)
     * @param targets one row per sample (not copied)
     * @return the data set
     */
    static InMemoryDataset of(DMatrixRMaj inputs, DMatrixRMaj targets) {
        return new InMemoryDataset(inputs, targets);
    }

    /**
     * A stream of batches that need not fit in memory. Each pass asks {@code stream} for a new
     * iterator; the stream decides the batches' sizes and order, so {@link #batches}'s arguments
     * are not used.
     *
     * @param stream makes the iterator of one pass
     * @return the data set
     */
    static Dataset ofBatches(Supplier<? extends Iterator<Batch>> stream) {
        Objects.requireNonNull(stream, "stream");
        return (batchSize, order) -> Objects.requireNonNull(stream.get(), "the stream gave no iterator");
    }
}
