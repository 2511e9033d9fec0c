package dev.backprop.spark;

import dev.backprop.core.data.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/** One partition's share of consecutive batches: its rows of each batch, in the batch's order. */
final class Shares {

    private Shares() {}

    static List<RowBlock> list(Iterator<RowBlock> blocks) {
        List<RowBlock> list = new ArrayList<>();
        blocks.forEachRemaining(list::add);
        return list;
    }

    /**
     * @return for each batch from {@code first} to {@code end − 1}, this partition's rows of it in
     *     position order, or null where it has none
     */
    static Batch[] of(List<RowBlock> blocks, BatchSchedule schedule, int epoch, long first, long end) {
        long from = first * schedule.batchSize();
        long to = Math.min(schedule.samples(), end * schedule.batchSize());
        if (blocks.size() > 1 << 24 || to - from > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A partition of " + blocks.size() + " blocks, or a round of " + (to - from)
                    + " samples, is too large; use more partitions or fewer local steps");
        }
        int count = 0;
        long[] keys = new long[16];
        for (int b = 0; b < blocks.size(); b++) {
            RowBlock block = blocks.get(b);
            for (int r = 0; r < block.rows; r++) {
                long position = schedule.position(epoch, block.firstIndex + r);
                if (position >= from && position < to) {
                    if (count == keys.length) {
                        keys = Arrays.copyOf(keys, 2 * count);
                    }
                    // The position, then where the row is: sorting the keys sorts the rows.
                    keys[count++] = (position - from) << 32 | (long) b << 8 | r;
                }
            }
        }
        Batch[] shares = new Batch[(int) (end - first)];
        if (count == 0) {
            return shares;
        }
        Arrays.sort(keys, 0, count);
        int start = 0;
        while (start < count) {
            long batch = first + (keys[start] >>> 32) / schedule.batchSize();
            int stop = start;
            while (stop < count && first + (keys[stop] >>> 32) / schedule.batchSize() == batch) {
                stop++;
            }
            shares[(int) (batch - first)] = gather(blocks, keys, start, stop);
            start = stop;
        }
        return shares;
    }

    private static Batch gather(List<RowBlock> blocks, long[] keys, int start, int stop) {
        RowBlock any = blocks.get((int) (keys[start] >>> 8 & 0xFFFFFF));
        DMatrixRMaj inputs = new DMatrixRMaj(stop - start, any.features);
        DMatrixRMaj targets = new DMatrixRMaj(stop - start, any.targets);
        for (int i = start; i < stop; i++) {
            RowBlock block = blocks.get((int) (keys[i] >>> 8 & 0xFFFFFF));
            int row = (int) (keys[i] & 0xFF);
            System.arraycopy(block.inputs, row * block.features, inputs.data, (i - start) * block.features,
                    block.features);
            System.arraycopy(block.outputs, row * block.targets, targets.data, (i - start) * block.targets,
                    block.targets);
        }
        return new Batch(inputs, targets);
    }
}
