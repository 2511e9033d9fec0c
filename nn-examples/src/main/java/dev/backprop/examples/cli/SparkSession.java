package dev.backprop.examples.cli;

import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.spark.Samples;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one place of the command that touches Spark's own classes, so that the other commands run
 * without Spark on the class path.
 */
final class SparkSession {

    private SparkSession() {}

    static SparkTraining train(String master, InMemoryDataset data, Integer partitions, SparkTrainer trainer) {
        SparkConf conf = new SparkConf().setAppName("backprop");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[2]");
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            int slices = partitions != null ? partitions : spark.defaultParallelism();
            return trainer.fit(Samples.fromMatrices(spark, data.inputs(), data.targets(), slices));
        }
    }
}
