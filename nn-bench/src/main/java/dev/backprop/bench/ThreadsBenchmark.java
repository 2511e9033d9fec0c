package dev.backprop.bench;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Initializer;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2 with batches of 512 through {@code Model.fit}: epochs of 8 steps (4 096 synthetic images) on
 * whole batches ({@code threads} 0, products on the BLAS's own threads), or on 8 shards per batch
 * with 1 or 2 worker threads (products on one BLAS thread each). Time per fit of {@code epochs}
 * epochs; divide by 8 × epochs for a step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ThreadsBenchmark {

    private static final int BATCH = 512;
    private static final int STEPS = 8;

    /** Worker threads; 0 for whole batches on the calling thread. */
    @Param({"0", "1", "2"})
    public int threads;

    /** Shards per batch with threads. */
    @Param({"8"})
    public int shards;

    /** Epochs per fit: each fit makes its copies of the network and its worker threads once. */
    @Param({"4"})
    public int epochs;

    private Model model;
    private InMemoryDataset data;
    private FitOptions options;

    /** Builds the model and the data. */
    @Setup
    public void setUp() {
        NumpyRandom random = new NumpyRandom(0);
        DMatrixRMaj x = new DMatrixRMaj(BATCH * STEPS, 784);
        DMatrixRMaj y = new DMatrixRMaj(BATCH * STEPS, 1);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = random.uniform(-1, 1);
        }
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = i % 10;
        }
        data = Dataset.of(x, y);
        model = Model.builder(new Sequential(new Dense(784, 128, Initializer.scaledNormal(0.01, random)), new ReLU(),
                        new Dense(128, 128, Initializer.scaledNormal(0.01, random)), new ReLU(),
                        new Dense(128, 10, Initializer.scaledNormal(0.01, random))))
                .loss(new SoftmaxCrossEntropy()).optimizer(Adam.builder().learningRate(0.001).decay(1e-3).build()).build();
        FitOptions.Builder builder = FitOptions.builder().epochs(epochs).batchSize(BATCH).shuffle(false).logEveryEpochs(0);
        if (threads > 0) {
            builder.threads(threads).shards(shards);
        }
        options = builder.build();
    }

    /** @return the first epoch's loss */
    @Benchmark
    public double w2Batch512Epoch() {
        return model.fit(data, options).epochs().get(0).loss();
    }
}
