package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.data.Batch;
import java.util.Iterator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class BatchScheduleTest {

    @Test
    void everyEpochIsAPermutationAndIndexInvertsPosition() {
        for (long samples : new long[] {1, 2, 3, 5, 17, 64, 65, 300, 1000, 4097}) {
            BatchSchedule schedule = new BatchSchedule(samples, 32, 42, true);
            for (int epoch = 0; epoch < 3; epoch++) {
                boolean[] seen = new boolean[(int) samples];
                for (long i = 0; i < samples; i++) {
                    long position = schedule.position(epoch, i);
                    assertTrue(position >= 0 && position < samples, samples + ": " + position);
                    assertFalse(seen[(int) position], "position " + position + " taken twice");
                    seen[(int) position] = true;
                    assertEquals(i, schedule.index(epoch, position));
                }
            }
        }
    }

    @Test
    void theOrderDependsOnSeedAndEpochOnly() {
        BatchSchedule schedule = new BatchSchedule(1000, 32, 7, true);
        long[] epoch0 = order(schedule, 0);
        assertArrayEquals(epoch0, order(new BatchSchedule(1000, 32, 7, true), 0), "same seed, same order");
        assertFalse(java.util.Arrays.equals(epoch0, order(schedule, 1)), "each epoch its own order");
        assertFalse(java.util.Arrays.equals(epoch0, order(new BatchSchedule(1000, 32, 8, true), 0)), "another seed");
        long fixedPoints = 0;
        for (int i = 0; i < 1000; i++) {
            fixedPoints += epoch0[i] == i ? 1 : 0;
        }
        assertTrue(fixedPoints < 10, "shuffled, not the identity: " + fixedPoints + " fixed points");
        BatchSchedule stored = new BatchSchedule(1000, 32, 7, false);
        assertEquals(123, stored.position(5, 123));
        assertEquals(123, stored.index(5, 123));
    }

    @Test
    void batchesCoverThePositionsAndTheLastOneIsSmaller() {
        BatchSchedule schedule = new BatchSchedule(100, 32, 1, true);
        assertEquals(4, schedule.batches());
        assertEquals(32, schedule.sizeOf(0));
        assertEquals(4, schedule.sizeOf(3));
        assertEquals(schedule.position(2, 50) / 32, schedule.batchOf(2, 50));
        assertThrows(IndexOutOfBoundsException.class, () -> schedule.sizeOf(4));
        assertThrows(IndexOutOfBoundsException.class, () -> schedule.position(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new BatchSchedule(0, 32, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new BatchSchedule(10, 0, 1, true));
    }

    @Test
    void replayGivesEachEpochsBatchesInPositionOrder() {
        DMatrixRMaj x = new DMatrixRMaj(10, 2);
        DMatrixRMaj y = new DMatrixRMaj(10, 1);
        for (int i = 0; i < 10; i++) {
            x.set(i, 0, i);
            x.set(i, 1, -i);
            y.set(i, 0, 100 + i);
        }
        BatchSchedule schedule = new BatchSchedule(10, 4, 3, true);
        var replay = schedule.replay(x, y);
        for (int epoch = 0; epoch < 2; epoch++) {
            Iterator<Batch> batches = replay.batches(999, null);
            long position = 0;
            int count = 0;
            while (batches.hasNext()) {
                Batch batch = batches.next();
                assertEquals(schedule.sizeOf(count), batch.size());
                for (int row = 0; row < batch.size(); row++) {
                    long index = schedule.index(epoch, position++);
                    assertEquals(index, batch.inputs().get(row, 0), 0.0);
                    assertEquals(-index, batch.inputs().get(row, 1), 0.0);
                    assertEquals(100 + index, batch.targets().get(row, 0), 0.0);
                }
                count++;
            }
            assertEquals(3, count, "batches of 4, 4 and 2");
        }
        assertThrows(IllegalArgumentException.class, () -> schedule.replay(new DMatrixRMaj(9, 2), y));
    }

    private static long[] order(BatchSchedule schedule, int epoch) {
        long[] order = new long[(int) schedule.samples()];
        for (int i = 0; i < order.length; i++) {
            order[i] = schedule.position(epoch, i);
        }
        return order;
    }
}
