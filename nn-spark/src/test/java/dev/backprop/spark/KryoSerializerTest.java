package dev.backprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Layer;
import dev.backprop.core.Sequential;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training with Kryo as Spark's serializer (the task results, and samples cached serialized). */
class KryoSerializerTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("local[2]", "KryoSerializerTest", "spark.serializer",
                "org.apache.spark.serializer.KryoSerializer");
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void kryoTrainsTheSameWeights() {
        TestData data = TestData.spiral(40, 3, 1);
        SerializableSupplier<Layer> network = () -> new Sequential(new Dense(2, 8), new ReLU(), new Dense(8, 3));
        SparkTrainer trainer = SparkTrainer.builder().network(network).loss(SoftmaxCrossEntropy::new)
                .optimizer(Adam.builder().learningRate(0.02).build())
                .options(FitOptions.builder().epochs(2).batchSize(16).seed(5).build()).build();
        var samples = Samples.fromMatrices(spark, data.inputs, data.targets, 2).persist(StorageLevel.MEMORY_ONLY_SER());
        double[] onSpark = FlatParameters.values(trainer.fit(samples).model().parameters());
        Model local = Model.builder(network.get()).loss(new SoftmaxCrossEntropy())
                .optimizer(Adam.builder().learningRate(0.02).build()).build();
        local.fit(trainer.schedule(120).replay(data.inputs, data.targets),
                FitOptions.builder().epochs(2).batchSize(16).shuffle(false).build());
        double[] expected = FlatParameters.values(local.parameters());
        assertEquals(expected.length, onSpark.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], onSpark[i], 1e-9);
        }
        assertTrue(samples.count() == 120);
    }
}
