package dev.backprop.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Layer;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** {@code FitOptions.threads}: the same weights bit for bit on 1, 2, 3 or 8 threads; the same gradient as one thread. */
class ShardedTrainingTest {

    /** Plain gradient descent, w += -0.1·dw: enough to see every gradient in the weights. */
    private static final Optimizer SGD = parameters -> {
        for (Parameter parameter : parameters) {
            for (int i = 0; i < parameter.value().getNumElements(); i++) {
                parameter.value().data[i] -= 0.1 * parameter.grad().data[i];
            }
        }
    };

    private static InMemoryDataset data() {
        NumpyRandom random = new NumpyRandom(11);
        DMatrixRMaj x = new DMatrixRMaj(250, 4);
        DMatrixRMaj y = new DMatrixRMaj(250, 1);
        for (int r = 0; r < 250; r++) {
            for (int c = 0; c < 4; c++) {
                x.set(r, c, random.nextGaussian());
            }
            y.data[r] = x.get(r, 0) + x.get(r, 1) > 0 ? (x.get(r, 2) > 0 ? 2 : 1) : 0;
        }
        return Dataset.of(x, y);
    }

    private static Model model(boolean dropout) {
        NumpyRandom random = new NumpyRandom(5);
        List<Layer> layers = new ArrayList<>(List.of(new Dense(4, 16, Initializer.scaledNormal(0.5, random)), new ReLU()));
        if (dropout) {
            layers.add(new Dropout(0.2, 9));
        }
        layers.addAll(List.of(new Dense(16, 3, Initializer.scaledNormal(0.5, random)), new Softmax()));
        return Model.builder(new Sequential(layers.toArray(Layer[]::new))).loss(new CategoricalCrossEntropy())
                .optimizer(SGD).metric(new CategoricalAccuracy()).build();
    }

    private static double[] weights(Model model) {
        return model.parameters().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.value().data,
                0, p.value().getNumElements())).toArray();
    }

    private static double[] trained(Integer threads, boolean dropout) {
        Model model = model(dropout);
        FitOptions.Builder options = FitOptions.builder().epochs(4).batchSize(50).seed(3);
        if (threads != null) {
            options.threads(threads);
        }
        History history = model.fit(data(), options.build());
        assertEquals(4, history.epochs().size());
        return weights(model);
    }

    @Test
    void theWeightsAreTheSameBitForBitOnAnyNumberOfThreads() {
        double[] one = trained(1, true);
        for (int threads : new int[] {2, 3, 8}) {
            assertArrayEquals(one, trained(threads, true), 0.0, threads + " threads");
        }
        assertNotEquals(weights(model(true))[0], one[0], "training moved the weights");
    }

    @Test
    void shardsSumToTheGradientOfTheWholeBatch() {
        double[] whole = trained(null, false);
        double[] sharded = trained(2, false);
        double worst = 0;
        for (int i = 0; i < whole.length; i++) {
            worst = Math.max(worst, Math.abs(whole[i] - sharded[i]) / Math.max(1, Math.abs(whole[i])));
        }
        assertTrue(worst < 1e-12, "only the rounding of the sum differs: " + worst);
    }

    @Test
    void theLossAndMetricsCoverEveryRow() {
        Model model = model(false);
        History history = model.fit(data(), FitOptions.builder().epochs(1).batchSize(50).threads(2).build());
        Model whole = model(false);
        History reference = whole.fit(data(), FitOptions.builder().epochs(1).batchSize(50).build());
        assertEquals(reference.epochs().get(0).loss(), history.epochs().get(0).loss(), 1e-12);
        assertEquals(reference.epochs().get(0).metrics(), history.epochs().get(0).metrics());
    }

    @Test
    void batchNormIsRefusedWithItsReason() {
        Model model = Model.builder(new Sequential(new Dense(4, 8), new BatchNorm(8), new Dense(8, 3), new Softmax()))
                .loss(new CategoricalCrossEntropy()).optimizer(SGD).build();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.fit(data(), FitOptions.builder().threads(2).build()));
        assertEquals("FitOptions.threads: BatchNorm(8) keeps statistics of its batches, which shards would split; "
                + "train this model without threads", error.getMessage());
    }
}
