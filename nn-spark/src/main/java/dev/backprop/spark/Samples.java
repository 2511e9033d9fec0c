package dev.backprop.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ejml.data.DMatrixRMaj;

/**
 * RDDs of {@link Sample}s from data the driver holds. Data that already lives in a cluster (files,
 * tables) is better read there, with {@code map} to {@code Sample}s.
 */
public final class Samples {

    private Samples() {}

    /**
     * The rows of two matrices as an RDD, sample i being row i. The matrices travel once, as a
     * broadcast; each partition makes its samples from its range of rows. ({@code parallelize} of
     * the samples themselves would ship each partition's samples with every task of every training
     * step.)
     *
     * @param spark the context
     * @param inputs one sample per row
     * @param targets one target row per sample
     * @param partitions the number of partitions, each with an equal range of rows
     * @return the samples, in row order
     * @throws IllegalArgumentException if the matrices differ in rows, are empty, or partitions is not positive
     */
    public static JavaRDD<Sample> fromMatrices(JavaSparkContext spark, DMatrixRMaj inputs, DMatrixRMaj targets,
            int partitions) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.numRows != targets.numRows || inputs.numRows == 0 || inputs.numCols == 0 || targets.numCols == 0) {
            throw new IllegalArgumentException("Need as many target rows as input rows, at least one, got "
                    + inputs.numRows + "×" + inputs.numCols + " and " + targets.numRows + "×" + targets.numCols);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        int rows = inputs.numRows;
        int features = inputs.numCols;
        int width = targets.numCols;
        Broadcast<double[][]> arrays = spark.broadcast(new double[][] {inputs.data, targets.data});
        List<int[]> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(new int[] {(int) ((long) rows * p / partitions), (int) ((long) rows * (p + 1) / partitions)});
        }
        return spark.parallelize(ranges, partitions).flatMap(range -> {
            double[] x = arrays.value()[0];
            double[] y = arrays.value()[1];
            List<Sample> samples = new ArrayList<>(range[1] - range[0]);
            for (int i = range[0]; i < range[1]; i++) {
                double[] row = new double[features];
                double[] target = new double[width];
                System.arraycopy(x, i * features, row, 0, features);
                System.arraycopy(y, i * width, target, 0, width);
                samples.add(Sample.of(row, target));
            }
            return samples.iterator();
        });
    }
}
