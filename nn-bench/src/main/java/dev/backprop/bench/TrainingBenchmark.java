package dev.backprop.bench;

import dev.backprop.core.linalg.Gemm;
import dev.backprop.core.linalg.Precision;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1, W2 and W4: one training step (forward, loss, backward, optimizer update) of each workload,
 * and W4's prediction. Average time per operation; run with {@code -prof gc} for allocations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingBenchmark {

    private Workloads.Training spiral;
    private Workloads.Training fashion;
    private Workloads.Training tiny;

    /** Builds the three workloads. */
    @Setup
    public void setUp() {
        spiral = Workloads.spiral();
        fashion = Workloads.fashion();
        tiny = Workloads.tiny();
    }

    /** @return W1: one full-batch epoch of the spiral model */
    @Benchmark
    public double w1SpiralEpoch() {
        return spiral.step();
    }

    /** @return W2: one step of the Fashion-MNIST model on a batch of 128 (469 make an epoch) */
    @Benchmark
    public double w2FashionStep() {
        return fashion.step();
    }

    /** @return W2 with its products in float32 ({@link Precision#FLOAT32}, opt-in) */
    @Benchmark
    public double w2FashionStepFloat32() {
        return Gemm.callWith(Precision.FLOAT32, fashion::step);
    }

    /** @return W4: one SGD step of the tiny model on one sample */
    @Benchmark
    public double w4TinyStep() {
        return tiny.step();
    }

    /** @return W4: one prediction of the tiny model */
    @Benchmark
    public DMatrixRMaj w4TinyPredict() {
        return tiny.model.forward(tiny.inputs);
    }
}
