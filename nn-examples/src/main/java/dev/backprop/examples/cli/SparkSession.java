package dev.backprop.examples.cli;

import dev.backprop.core.InMemoryDataset;
import dev.backprop.spark.Sample;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

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
            return trainer.fit(samples(spark, data, slices));
        }
    }

    /**
     * The data as an RDD of samples, read by the executors from one broadcast: a parallelized
     * collection of the samples themselves would travel with every task of every step.
     */
    private static JavaRDD<Sample> samples(JavaSparkContext spark, InMemoryDataset data, int slices) {
        int features = data.inputs().numCols;
        int targets = data.targets().numCols;
        Broadcast<double[][]> arrays = spark.broadcast(new double[][] {data.inputs().data, data.targets().data});
        List<int[]> ranges = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            ranges.add(new int[] {(int) ((long) data.size() * s / slices), (int) ((long) data.size() * (s + 1) / slices)});
        }
        return spark.parallelize(ranges, slices).flatMap(range -> {
            double[] inputs = arrays.value()[0];
            double[] outputs = arrays.value()[1];
            List<Sample> samples = new ArrayList<>(range[1] - range[0]);
            for (int i = range[0]; i < range[1]; i++) {
                double[] x = new double[features];
                double[] y = new double[targets];
                System.arraycopy(inputs, i * features, x, 0, features);
                System.arraycopy(outputs, i * targets, y, 0, targets);
                samples.add(Sample.of(x, y));
            }
            return samples.iterator();
        });
    }
}
