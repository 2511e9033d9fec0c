package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.core.GradientCheck;
import dev.backprop.core.Layer;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.TrainingListener;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import dev.backprop.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark training in {@code local[2]} against {@code Model.fit} on one machine, replaying the same
 * batches: bit for bit on one partition, within 1e-9 on 2, 4 and 7 partitions of uneven size.
 * One Spark context for the class ({@code local[2,4]}: two threads, and a failed task is retried
 * up to 4 times, as on a cluster).
 */
class SparkTrainerTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("local[2,4]", "SparkTrainerTest");
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The samples in {@code parts} partitions of uneven sizes (about 1 : 2 : 3 : …), in row order. */
    private static JavaRDD<Sample> partitioned(List<Sample> samples, int parts) {
        int weights = parts * (parts + 1) / 2;
        List<JavaRDD<Sample>> pieces = new ArrayList<>();
        int start = 0;
        for (int p = 1; p <= parts; p++) {
            int end = p == parts ? samples.size() : start + samples.size() * p / weights;
            pieces.add(spark.parallelize(new ArrayList<>(samples.subList(start, end)), 1));
            start = end;
        }
        JavaRDD<Sample> all = pieces.get(0);
        for (int p = 1; p < parts; p++) {
            all = all.union(pieces.get(p));
        }
        assertEquals(parts, all.getNumPartitions());
        return all;
    }

    private static SparkSpiral spiral(SerializableSupplier<? extends Layer> network, Supplier<Optimizer> optimizer) {
        return new SparkSpiral(TestData.spiral(60, 3, 0), network, optimizer, 32, 3);
    }

    /** Three epochs of batches of 32, shuffled from seed 11. */
    private static FitOptions spiralRun() {
        return FitOptions.builder().epochs(3).batchSize(32).seed(11).build();
    }

    private static SerializableSupplier<Layer> spiralNetwork() {
        return () -> new Sequential(new Dense(2, 16), new ReLU(), new Dense(16, 3));
    }

    private static Supplier<Optimizer> momentum() {
        return () -> SGD.builder().learningRate(0.5).decay(1e-3).momentum(0.9).build();
    }

    private static Supplier<Optimizer> adam() {
        return () -> Adam.builder().learningRate(0.02).decay(1e-4).build();
    }

    /** A data set, a network and an optimizer, trained on Spark and on one machine. */
    private record SparkSpiral(TestData data, SerializableSupplier<? extends Layer> network,
            Supplier<Optimizer> optimizer, int batchSize, int epochs) {

        SparkTrainer trainer() {
            return SparkTrainer.builder().network(network).loss(SoftmaxCrossEntropy::new).optimizer(optimizer.get())
                    .options(FitOptions.builder().epochs(epochs).batchSize(batchSize).seed(11).build()).build();
        }

        SparkTraining onSpark(int partitions) {
            return trainer().fit(partitioned(data.samples(), partitions));
        }

        Model onOneMachine(History[] history) {
            return onOneMachine(history, 0);
        }

        /** @param threads worker threads over shards ({@code FitOptions.threads}), 0 for whole batches */
        Model onOneMachine(History[] history, int threads) {
            Model model = Model.builder(network.get()).loss(new SoftmaxCrossEntropy()).optimizer(optimizer.get())
                    .build();
            BatchSchedule schedule = trainer().schedule(data.inputs.numRows);
            FitOptions.Builder options = FitOptions.builder().epochs(epochs).batchSize(batchSize).shuffle(false);
            if (threads > 0) {
                options.threads(threads);
            }
            history[0] = model.fit(schedule.replay(data.inputs, data.targets), options.build());
            return model;
        }
    }

    private static double[] weights(Model model) {
        return FlatParameters.values(model.parameters());
    }

    private static void assertSameTraining(SparkSpiral run, int partitions, double tolerance) {
        History[] expectedHistory = new History[1];
        double[] expected = weights(run.onOneMachine(expectedHistory));
        SparkTraining training = run.onSpark(partitions);
        double[] actual = weights(training.model());
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= tolerance, partitions + " partitions: weights differ by " + worst);
        assertEquals(run.epochs(), training.history().size());
        for (int e = 0; e < run.epochs(); e++) {
            assertEquals(expectedHistory[0].epochs().get(e).dataLoss(), training.history().epochs().get(e).dataLoss(),
                    Math.max(tolerance, 1e-15), "epoch " + e + " loss");
            assertEquals(expectedHistory[0].epochs().get(e).learningRate(),
                    training.history().epochs().get(e).learningRate(), 0.0);
        }
    }

    @Test
    void onePartitionIsBitForBitTheSingleMachineRun() {
        assertSameTraining(spiral(spiralNetwork(), momentum()), 1, 0.0);
        assertSameTraining(spiral(spiralNetwork(), adam()), 1, 0.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 7})
    void unevenPartitionsAgreeWithinRounding(int partitions) {
        assertSameTraining(spiral(spiralNetwork(), momentum()), partitions, 1e-9);
        assertSameTraining(spiral(spiralNetwork(), adam()), partitions, 1e-9);
    }

    /**
     * Shards on this machine's threads replay Spark's batches as well: the schedule decides which
     * samples make each step on both, and the sums of the shards' or the partitions' gradients
     * differ only in their rounding.
     */
    @Test
    void threadsOnOneMachineAgreeWithSpark() {
        SparkSpiral run = spiral(spiralNetwork(), adam());
        double[] threaded = weights(run.onOneMachine(new History[1], 2));
        double[] onSpark = weights(run.onSpark(2).model());
        double worst = 0;
        for (int i = 0; i < threaded.length; i++) {
            worst = Math.max(worst, Math.abs(threaded[i] - onSpark[i]));
        }
        assertTrue(worst <= 1e-9, "weights differ by " + worst);
    }

    /**
     * Spark runs the same epoch loop as fit: training metrics (from the outputs the partitions send
     * back), validation, listeners and clipping give the same history as on one machine.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void metricsValidationListenersAndClippingAsInFit(int partitions) {
        TestData data = TestData.spiral(60, 3, 0);
        TestData held = TestData.spiral(30, 3, 1);
        InMemoryDataset validation = Dataset.of(held.inputs, held.targets);
        List<Integer> sparkSteps = new ArrayList<>();
        List<Integer> localSteps = new ArrayList<>();
        SparkTrainer trainer = SparkTrainer.builder().network(spiralNetwork()).loss(SoftmaxCrossEntropy::new)
                .optimizer(adam().get()).metric(new CategoricalAccuracy())
                .options(FitOptions.builder().epochs(4).batchSize(32).seed(11).validation(validation).clipNorm(0.5)
                        .listener(new TrainingListener() {
                            @Override
                            public void onBatchEnd(int epoch, int step, double loss, Model model) {
                                sparkSteps.add(step);
                            }
                        }).build())
                .build();
        History onSpark = trainer.fit(partitioned(data.samples(), partitions)).history();

        Model model = Model.builder(spiralNetwork().get()).loss(new SoftmaxCrossEntropy()).optimizer(adam().get())
                .metric(new CategoricalAccuracy()).build();
        History onOne = model.fit(trainer.schedule(data.inputs.numRows).replay(data.inputs, data.targets),
                FitOptions.builder().epochs(4).batchSize(32).shuffle(false).validation(validation).clipNorm(0.5)
                        .listener(new TrainingListener() {
                            @Override
                            public void onBatchEnd(int epoch, int step, double loss, Model trained) {
                                localSteps.add(step);
                            }
                        }).build());
        double tolerance = partitions == 1 ? 0.0 : 1e-9;
        assertEquals(localSteps, sparkSteps);
        assertEquals(4, onSpark.size());
        for (String series : List.of("loss", "accuracy", "val_loss", "val_accuracy", "lr")) {
            assertArrayEquals(onOne.series(series), onSpark.series(series), tolerance, series);
        }
        assertTrue(onSpark.last().value("val_accuracy") > 0.4, "it learns: " + onSpark.last());
    }

    @Test
    void aUserWrittenLayerTrainsTheSame() {
        LearnedSlope layer = new LearnedSlope(3);
        DMatrixRMaj input = new DMatrixRMaj(new double[][] {{0.5, -0.7, 0.2}, {-0.3, 0.9, -1.1}});
        assertTrue(GradientCheck.maxRelativeError(layer, input, 5) < 1e-7, "the layer's backward is right");
        SerializableSupplier<Layer> network = () -> new Sequential(new Dense(2, 16), new LearnedSlope(16),
                new Dense(16, 3));
        assertSameTraining(spiral(network, adam()), 1, 0.0);
        assertSameTraining(spiral(network, adam()), 3, 1e-9);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 7})
    void aFashionMnistSliceTrainsTheSame(int partitions) throws Exception {
        assumeTrue(TestData.fashionInstalled(), "Fashion-MNIST is not installed (Debian's dataset-fashion-mnist)");
        TestData slice = TestData.fashionSlice(640);
        SerializableSupplier<Layer> book = () -> new Sequential(new Dense(784, 128), new ReLU(), new Dense(128, 128),
                new ReLU(), new Dense(128, 10));
        double tolerance = partitions == 1 ? 0.0 : 1e-9;
        assertSameTraining(new SparkSpiral(slice, book, adam(), 128, 2), partitions, tolerance);
        assertSameTraining(new SparkSpiral(slice, book, momentum(), 128, 2), partitions, tolerance);
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndChangesNothing() {
        SerializableSupplier<Layer> network = () -> new Sequential(new Dense(2, 16), new LearnedSlope(16),
                new Dense(16, 3));
        SparkSpiral run = spiral(network, adam());
        double[] clean = weights(run.onSpark(2).model());
        // The 7th forward pass in this JVM (a task of step 3 or so) throws; Spark runs the task again.
        LearnedSlope.FAIL_AFTER.set(7);
        double[] retried;
        int passesLeft;
        try {
            retried = weights(run.onSpark(2).model());
            passesLeft = LearnedSlope.FAIL_AFTER.get();
        } finally {
            LearnedSlope.FAIL_AFTER.set(-1);
        }
        assertTrue(passesLeft < -1, "the failing pass came, and training went on after it: " + passesLeft);
        assertArrayEquals(clean, retried, 0.0);
    }

    @Test
    void aTaskThatAlwaysFailsStopsTrainingWithItsCause() {
        SerializableSupplier<Layer> network = () -> new Sequential(new Dense(2, 3));
        SparkTrainer trainer = SparkTrainer.builder().network(network).loss(SoftmaxCrossEntropy::new)
                .optimizer(new SGD(0.1)).build();
        JavaRDD<Sample> samples = partitioned(TestData.spiral(10, 3, 0).samples(), 2)
                .map(sample -> Sample.of(new double[] {Double.NaN, 0}, sample.target()));
        SparkException error = assertThrows(SparkException.class, () -> trainer.fit(samples));
        assertTrue(error.getMessage().contains("failed 4 times"), error.getMessage());
        assertTrue(error.getMessage().contains("Dense(2→3): input holds NaN at row 0, column 0"), error.getMessage());
    }

    @Test
    void localSgdOnOnePartitionWithPlainSgdIsSynchronousTraining() {
        TestData data = TestData.spiral(60, 3, 0);
        SparkTrainer local = SparkTrainer.builder().network(spiralNetwork()).loss(SoftmaxCrossEntropy::new)
                .localSteps(4, () -> new SGD(0.5)).options(spiralRun()).build();
        SparkTrainer synchronous = SparkTrainer.builder().network(spiralNetwork()).loss(SoftmaxCrossEntropy::new)
                .optimizer(new SGD(0.5)).options(spiralRun()).build();
        double[] averaged = weights(local.fit(partitioned(data.samples(), 1)).model());
        assertArrayEquals(weights(synchronous.fit(partitioned(data.samples(), 1)).model()), averaged, 0.0);
    }

    @Test
    void localSgdOnSeveralPartitionsLearns() {
        TestData data = TestData.spiral(100, 3, 0);
        SerializableSupplier<Layer> wide = () -> new Sequential(new Dense(2, 64), new ReLU(), new Dense(64, 3));
        SparkTraining training = SparkTrainer.builder().network(wide).loss(SoftmaxCrossEntropy::new)
                .localSteps(5, () -> Adam.builder().learningRate(0.02).build())
                .options(FitOptions.builder().epochs(100).batchSize(30).seed(3).build())
                .build().fit(partitioned(data.samples(), 3));
        double first = training.history().epochs().get(0).dataLoss();
        double last = training.history().last().dataLoss();
        // Chance is ln 3 = 1.10; averaging that went wrong (no update, or summed parameters) stays
        // there or diverges. Each round restarts Adam, so it does not get as far as synchronous Adam.
        assertTrue(last < 0.8 && last < first - 0.15, "loss " + first + " → " + last);
    }

    @Test
    void samplesFromMatricesAreTheRowsInOrder() {
        TestData data = TestData.spiral(7, 3, 0);
        JavaRDD<Sample> rdd = Samples.fromMatrices(spark, data.inputs, data.targets, 4);
        assertEquals(4, rdd.getNumPartitions());
        List<Sample> rows = rdd.collect();
        assertEquals(21, rows.size());
        for (int i = 0; i < 21; i++) {
            assertArrayEquals(new double[] {data.inputs.get(i, 0), data.inputs.get(i, 1)}, rows.get(i).features(), 0.0);
            assertArrayEquals(new double[] {data.targets.get(i, 0)}, rows.get(i).target(), 0.0);
        }
        assertEquals(List.of(5, 5, 5, 6), rdd.glom().map(List::size).collect(), "equal ranges of rows");
        assertThrows(IllegalArgumentException.class,
                () -> Samples.fromMatrices(spark, data.inputs, new DMatrixRMaj(20, 1), 2));
        assertThrows(IllegalArgumentException.class, () -> Samples.fromMatrices(spark, data.inputs, data.targets, 0));
    }

    @Test
    void badInputIsNamed() {
        SparkTrainer trainer = SparkTrainer.builder().network(spiralNetwork()).loss(SoftmaxCrossEntropy::new)
                .optimizer(new SGD(0.1)).build();
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(spark.parallelize(new ArrayList<Sample>(), 2)));
        assertEquals("No samples to train on", empty.getMessage());
        List<Sample> mixed = new ArrayList<>(TestData.spiral(5, 3, 0).samples());
        mixed.add(Sample.of(new double[] {1, 2, 3}, 0));
        SparkException wide = assertThrows(SparkException.class, () -> trainer.fit(spark.parallelize(mixed, 1)));
        assertTrue(wide.getMessage().contains("Sample 15 has 3 features and 1 target values; sample 0 has 2 and 1"),
                wide.getMessage());
        assertThrows(IllegalStateException.class,
                () -> SparkTrainer.builder().network(spiralNetwork()).loss(SoftmaxCrossEntropy::new).build());
        assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.builder().options(FitOptions.builder().threads(2).build()));
        assertThrows(IllegalArgumentException.class, () -> Sample.of(new double[0], 1));
    }
}
