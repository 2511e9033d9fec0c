package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Layer;
import dev.backprop.core.Sequential;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.core.train.TrainingListener;
import dev.backprop.data.tabular.MissingValues;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import dev.backprop.spark.tables.SparkPreprocessing;
import dev.backprop.spark.tables.SparkScoring;
import dev.backprop.spark.tables.TableTrainingTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark with executors in other JVMs: {@code local-cluster[2,1,1024]} starts a standalone master and
 * two workers, whose executors are separate processes on this machine (class path: this test's, by
 * {@code spark.executor.extraClassPath}; Spark's launcher runs without a Spark installation because
 * nn-spark's surefire sets SPARK_TESTING, SPARK_SCALA_VERSION and SPARK_HOME). Every closure,
 * broadcast and gradient crosses a process boundary, with Kryo as the serializer.
 */
class ClusterTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void startCluster() {
        spark = LocalSpark.start("local-cluster[2,1,1024]", "ClusterTest",
                "spark.executor.extraClassPath", System.getProperty("java.class.path"),
                "spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The process ids of the executors' JVMs, as their tasks report them. */
    private static List<Long> executors() {
        return spark.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8).map(x -> ProcessHandle.current().pid())
                .distinct().collect();
    }

    private static final SerializableSupplier<Layer> NETWORK =
            () -> new Sequential(new Dense(2, 16), new ReLU(), new Dense(16, 3));

    private static SparkTrainer trainer(TrainingListener listener) {
        SparkTrainer.Builder builder = SparkTrainer.builder().network(NETWORK).loss(SoftmaxCrossEntropy::new)
                .optimizer(Adam.builder().learningRate(0.02).build());
        FitOptions.Builder options = FitOptions.builder().epochs(3).batchSize(30).seed(5);
        if (listener != null) {
            options.listener(listener);
        }
        return builder.options(options.build()).build();
    }

    private static double[] onOneMachine(TestData data, SparkTrainer trainer) {
        Model local = Model.builder(NETWORK.get()).loss(new SoftmaxCrossEntropy())
                .optimizer(Adam.builder().learningRate(0.02).build()).build();
        local.fit(trainer.schedule(data.inputs.numRows).replay(data.inputs, data.targets),
                FitOptions.builder().epochs(3).batchSize(30).shuffle(false).build());
        return FlatParameters.values(local.parameters());
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-9, "parameter " + i);
        }
    }

    @Test
    void executorsInOtherJvmsTrainTheWeightsOfOneMachine() {
        List<Long> executors = executors();
        assertEquals(2, executors.size(), "two executor JVMs");
        assertTrue(!executors.contains(ProcessHandle.current().pid()), "none of them this JVM");
        TestData data = TestData.spiral(60, 3, 2);
        SparkTrainer trainer = trainer(null);
        double[] cluster = FlatParameters.values(trainer.fit(Samples.fromMatrices(spark, data.inputs, data.targets, 4))
                .model().parameters());
        assertClose(onOneMachine(data, trainer), cluster);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aTableIsPreprocessedAndScoredOnTheClusterAsOnOneMachine() {
        SparkSession session = SparkSession.builder().getOrCreate(); // this test's cluster
        List<Row> rows = TableTrainingTest.rows(800, 4);
        TabularOptions options = TabularOptions.defaults().withLabel("kind").withMissing(MissingValues.MEAN);
        Preprocessor onCluster = SparkPreprocessing.fit(session.createDataFrame(rows, TableTrainingTest.SCHEMA)
                .repartition(4), options);
        Preprocessor local = Preprocessor.fit(TableTrainingTest.raw(rows), options);
        assertEquals(local.classNames(), onCluster.classNames());
        for (int f = 0; f < local.features().size(); f++) {
            assertEquals(local.features().get(f).categories(), onCluster.features().get(f).categories());
            assertEquals(local.features().get(f).center(), onCluster.features().get(f).center(),
                    1e-12 * Math.abs(local.features().get(f).center()));
        }
        Model network = Model.builder(new Sequential(new Dense(local.inputs(), 8), new ReLU(), new Dense(8,
                local.outputs()), new dev.backprop.layers.Softmax())).loss(new dev.backprop.layers.CategoricalCrossEntropy())
                .build();
        TabularModel model = new TabularModel(local, network);
        List<Row> scored = SparkScoring.score(session.createDataFrame(rows, TableTrainingTest.SCHEMA).repartition(4),
                model).collectAsList();
        TabularModel.Predictions expected = model.predict(TableTrainingTest.raw(rows));
        assertEquals(rows.size(), scored.size());
        for (int r = 0; r < rows.size(); r++) {
            Row original = rows.get(r);
            Row row = scored.stream().filter(s -> java.util.Objects.equals(s.get(0), original.get(0))
                    && s.get(1).equals(original.get(1)) && java.util.Objects.equals(s.get(2), original.get(2)))
                    .findFirst().orElseThrow();
            assertEquals(expected.predictedClass(r), row.getString(4));
            assertEquals(expected.probabilities().get(r, 0), row.getDouble(5), 1e-12);
        }
    }

    @Test
    void anExecutorKilledMidJobIsReplacedAndTheWeightsAreUnchanged() {
        TestData data = TestData.spiral(60, 3, 3);
        AtomicBoolean killed = new AtomicBoolean();
        AtomicLong killedPid = new AtomicLong();
        SparkTrainer trainer = trainer(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int step, double loss, Model model) {
                if (epoch == 1 && step == 2 && killed.compareAndSet(false, true)) {
                    long victim = executors().get(0);
                    killedPid.set(victim);
                    ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL
                }
            }
        });
        double[] cluster = FlatParameters.values(trainer.fit(Samples.fromMatrices(spark, data.inputs, data.targets, 4))
                .model().parameters());
        assertTrue(killed.get(), "an executor was killed during training");
        assertTrue(ProcessHandle.of(killedPid.get()).map(p -> !p.isAlive()).orElse(true), "the killed executor is gone");
        // The standalone master has a worker start a new executor in its place.
        List<Long> now = executors();
        for (int wait = 0; wait < 60 && (now.size() < 2 || now.contains(killedPid.get())); wait++) {
            sleep(500);
            now = executors();
        }
        assertEquals(2, now.size(), "a new executor replaced the killed one: " + now);
        assertClose(onOneMachine(data, trainer), cluster);
    }
}
