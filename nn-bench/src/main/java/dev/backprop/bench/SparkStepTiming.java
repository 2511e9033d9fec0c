package dev.backprop.bench;

import dev.backprop.core.Layer;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.FitOptions;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import dev.backprop.spark.Samples;
import dev.backprop.spark.SerializableSupplier;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;

/**
 * The cost of a training step on Spark in {@code local[2]} against the same step on one machine:
 * W1's spiral model (batch 300) and W2's Fashion-MNIST model (batch 128), on 1 and 2 partitions.
 * Not a JMH benchmark: a Spark step is tens of milliseconds, so the mean over an epoch of steps
 * after a warm-up epoch is precise enough, and Spark needs its own JVM flags. Run it with
 * {@code mvn -B -q -DskipTests -Dinvoker.skip -pl nn-bench -am package exec:exec@spark-step}.
 */
public final class SparkStepTiming {

    private SparkStepTiming() {}

    /**
     * Prints one line per workload and partition count.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("SparkStepTiming")
                .set("spark.ui.enabled", "false");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            System.out.printf(Locale.ROOT, "%-26s %10s %16s %16s%n", "workload", "one JVM µs", "local[2], 1 part",
                    "local[2], 2 parts");
            measure(spark, "W1 spiral, batch 300", Workloads.spiral(), 300, 300 * 20,
                    () -> new Sequential(new Dense(2, 64), new ReLU(), new Dense(64, 3)), 0.05);
            measure(spark, "W2 Fashion-MNIST, batch 128", Workloads.fashion(), 128, 128 * 20,
                    () -> new Sequential(new Dense(784, 128), new ReLU(), new Dense(128, 128), new ReLU(),
                            new Dense(128, 10)), 0.001);
        }
    }

    private static void measure(JavaSparkContext spark, String name, Workloads.Training local, int batch, int samples,
            SerializableSupplier<Layer> network, double rate) {
        for (int i = 0; i < 300; i++) {
            local.step();
        }
        int steps = 1000;
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            local.step();
        }
        double oneJvm = (System.nanoTime() - start) / 1e3 / steps;
        DMatrixRMaj inputs = new DMatrixRMaj(samples, local.inputs.numCols);
        DMatrixRMaj targets = new DMatrixRMaj(samples, 1);
        NumpyRandom random = new NumpyRandom(1);
        for (int i = 0; i < samples; i++) {
            int row = i % local.inputs.numRows;
            System.arraycopy(local.inputs.data, row * inputs.numCols, inputs.data, i * inputs.numCols, inputs.numCols);
            inputs.data[i * inputs.numCols] += random.uniform(-1e-3, 1e-3);
            targets.data[i] = local.targets.data[row];
        }
        double[] onSpark = new double[2];
        for (int partitions = 1; partitions <= 2; partitions++) {
            SparkTraining training = SparkTrainer.builder().network(network).loss(SoftmaxCrossEntropy::new)
                    .optimizer(Adam.builder().learningRate(rate).build())
                    .options(FitOptions.builder().epochs(3).batchSize(batch).seed(1).build()).build()
                    .fit(Samples.fromMatrices(spark, inputs, targets, partitions));
            List<EpochResult> epochs = training.history().epochs();
            long stepsPerEpoch = (samples + batch - 1) / batch;
            // The first epoch warms up; the mean of the other two.
            onSpark[partitions - 1] = (epochs.get(1).wallTime().toNanos() + epochs.get(2).wallTime().toNanos()) / 2e3
                    / stepsPerEpoch;
        }
        System.out.printf(Locale.ROOT, "%-26s %10.0f %16.0f %16.0f%n", name, oneJvm, onSpark[0], onSpark[1]);
    }
}
