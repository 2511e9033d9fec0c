package dev.backprop.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.core.NumpyRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** Row i holds (i, 10i) with target i. */
    private static InMemoryDataset numbered(int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 2);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, i);
            x.set(i, 1, 10 * i);
            y.set(i, 0, i);
        }
        return Dataset.of(x, y);
    }

    private static List<Integer> order(Iterator<Batch> batches, List<Integer> sizes) {
        List<Integer> rows = new ArrayList<>();
        while (batches.hasNext()) {
            Batch batch = batches.next();
            sizes.add(batch.size());
            for (int r = 0; r < batch.size(); r++) {
                assertEquals(10 * batch.inputs().get(r, 0), batch.inputs().get(r, 1), 0.0, "rows stay whole");
                assertEquals(batch.inputs().get(r, 0), batch.targets().get(r, 0), 0.0, "targets follow inputs");
                rows.add((int) batch.targets().get(r, 0));
            }
        }
        return rows;
    }

    @Test
    void batchesKeepTheLastPartialBatch() {
        List<Integer> sizes = new ArrayList<>();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), order(numbered(7).batches(3, null), sizes));
        assertEquals(List.of(3, 3, 1), sizes);
    }

    @Test
    void aFullBatchInStoredOrderIsTheDataItself() {
        InMemoryDataset data = numbered(5);
        Batch only = data.batches(Integer.MAX_VALUE, null).next();
        assertSame(data.inputs(), only.inputs());
    }

    @Test
    void shufflingFollowsNumpysShuffle() {
        List<Integer> sizes = new ArrayList<>();
        List<Integer> rows = order(numbered(10).batches(4, new NumpyRandom(0)), sizes);
        // np.random.seed(0); np.random.shuffle(np.arange(10))
        assertEquals(List.of(2, 8, 4, 9, 1, 6, 7, 3, 0, 5), rows);
        assertEquals(List.of(4, 4, 2), sizes);
    }

    @Test
    void splitPartsTheSamplesWithoutLosingAny() {
        InMemoryDataset.Split split = numbered(10).split(0.3, 1);
        assertEquals(7, split.train().size());
        assertEquals(3, split.validation().size());
        TreeSet<Integer> all = new TreeSet<>(order(split.train().batches(100, null), new ArrayList<>()));
        all.addAll(order(split.validation().batches(100, null), new ArrayList<>()));
        assertEquals(10, all.size());
        assertArrayEquals(split.train().inputs().data, numbered(10).split(0.3, 1).train().inputs().data, 0.0);
        assertThrows(IllegalArgumentException.class, () -> numbered(10).split(1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> numbered(2).split(0.1, 1));
    }

    @Test
    void badDataIsRejectedWithWhereAndWhy() {
        assertEquals("Batch: inputs has shape 3×2 but targets has shape 2×1; they need one row per sample each",
                assertThrows(IllegalArgumentException.class,
                        () -> Dataset.of(new DMatrixRMaj(3, 2), new DMatrixRMaj(2, 1))).getMessage());
        DMatrixRMaj withNaN = new DMatrixRMaj(2, 2);
        withNaN.set(1, 0, Double.NaN);
        assertEquals("Dataset: inputs holds NaN at row 1, column 0",
                assertThrows(IllegalArgumentException.class, () -> Dataset.of(withNaN, new DMatrixRMaj(2, 1)))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new DMatrixRMaj(0, 2), new DMatrixRMaj(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> numbered(3).batches(0, null));
        Iterator<Batch> done = numbered(1).batches(1, new NumpyRandom(0));
        done.next();
        assertFalse(done.hasNext());
        assertThrows(java.util.NoSuchElementException.class, done::next);
    }

    @Test
    void shufflingInPlaceGivesTheRowsOfAShuffledPassAndAdvancesTheStreamAlike() {
        NumpyRandom data = new NumpyRandom(3);
        InMemoryDataset copy = Dataset.of(data.randn(257, 5), data.randn(257, 2));
        InMemoryDataset inPlace = Dataset.of(copy.inputs().copy(), copy.targets().copy());
        NumpyRandom passOrder = new NumpyRandom(11);
        Batch pass = copy.batches(Integer.MAX_VALUE, passOrder).next();
        NumpyRandom inPlaceOrder = new NumpyRandom(11);

        assertSame(inPlace, inPlace.shuffleInPlace(inPlaceOrder));

        assertArrayEquals(pass.inputs().data, inPlace.inputs().data, 0);
        assertArrayEquals(pass.targets().data, inPlace.targets().data, 0);
        assertFalse(java.util.Arrays.equals(copy.inputs().data, inPlace.inputs().data), "the rows moved");
        assertEquals(passOrder.randn(1, 1).get(0, 0), inPlaceOrder.randn(1, 1).get(0, 0), 0);
    }
}
