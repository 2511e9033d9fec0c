package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.train.Model;
import dev.backprop.core.io.Predictor;
import dev.backprop.data.BookDatasets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** 8 threads × 10 000 predictions against the single-threaded model, bit for bit. */
class PredictorTest {

    private static final int THREADS = 8;
    private static final int PREDICTIONS = 10_000;

    @Test
    void manyThreadsGetExactlyTheSingleThreadedResults() throws Exception {
        Model model = ModelFileTest.trainedSpiralModel(3);
        DMatrixRMaj inputs = BookDatasets.spiral(500, 2, new NumpyRandom(4)).inputs();
        // Single-threaded, row by row as the threads predict (a batch of 500 takes other products,
        // which may round differently in the last bit).
        DMatrixRMaj expected = new DMatrixRMaj(inputs.numRows, 3);
        for (int r = 0; r < inputs.numRows; r++) {
            DMatrixRMaj out = model.predict(CommonOps_DDRM.extractRow(inputs, r, null));
            System.arraycopy(out.data, 0, expected.data, r * 3, 3);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Predictor predictor = Predictor.of(model)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    DMatrixRMaj row = new DMatrixRMaj(1, 2);
                    for (int i = 0; i < PREDICTIONS; i++) {
                        int r = (i * 7 + offset * 131) % inputs.numRows;
                        CommonOps_DDRM.extractRow(inputs, r, row);
                        DMatrixRMaj out = predictor.predict(row);
                        assertArrayEquals(CommonOps_DDRM.extractRow(expected, r, null).data, out.data, 0.0,
                                "row " + r);
                    }
                    return PREDICTIONS;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            assertEquals(THREADS * PREDICTIONS, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
