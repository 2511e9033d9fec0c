package dev.backprop.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NoisyScale;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.SumOfSquares;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.Offset;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@code FitOptions.threads} in the module that implements it, on nn-core's own test layers (a
 * noisy, regularised column scale and an offset): the same weights bit for bit on any number of
 * threads, and the sum of the shards' gradients is the whole batch's within rounding. nn-layers'
 * twin checks the same with Dense, Dropout and BatchNorm.
 */
class ShardedTrainingTest {

    private static final Optimizer SGD = parameters -> {
        for (Parameter parameter : parameters) {
            for (int i = 0; i < parameter.value().getNumElements(); i++) {
                parameter.value().data[i] -= 0.05 * parameter.grad().data[i];
            }
        }
    };

    private static InMemoryDataset data() {
        NumpyRandom random = new NumpyRandom(7);
        DMatrixRMaj x = new DMatrixRMaj(203, 3);
        DMatrixRMaj y = new DMatrixRMaj(203, 3);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = random.nextGaussian();
            y.data[i] = 2 * x.data[i] + 0.5;
        }
        return Dataset.of(x, y);
    }

    private static double[] trained(Integer threads, boolean noisy) {
        Model model = Model.builder(noisy ? new Sequential(new NoisyScale(3), new Offset(3)) : new Sequential(new Offset(3)))
                .loss(new SumOfSquares()).optimizer(SGD).build();
        FitOptions.Builder options = FitOptions.builder().epochs(3).batchSize(40).seed(2);
        if (threads != null) {
            options.threads(threads);
        }
        assertEquals(3, model.fit(data(), options.build()).size());
        return model.parameters().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.value().data)).toArray();
    }

    @Test
    void theWeightsAreTheSameBitForBitOnAnyNumberOfThreads() {
        double[] one = trained(1, true);
        for (int threads : new int[] {2, 3, 8}) {
            assertArrayEquals(one, trained(threads, true), 0.0, threads + " threads");
        }
        assertNotEquals(1.0, one[0], "training moved the weights");
    }

    @Test
    void shardsSumToTheGradientOfTheWholeBatch() {
        double[] whole = trained(null, false);
        double[] sharded = trained(2, false);
        for (int i = 0; i < whole.length; i++) {
            assertTrue(Math.abs(whole[i] - sharded[i]) < 1e-12 * Math.max(1, Math.abs(whole[i])),
                    "only the rounding of the sum differs at " + i + ": " + whole[i] + " vs " + sharded[i]);
        }
    }
}
