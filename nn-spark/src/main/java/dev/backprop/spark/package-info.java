/**
 * Training on Apache Spark: {@link dev.backprop.spark.SparkTrainer} trains any Backprop network by
 * synchronous data parallelism (or local SGD) on an RDD of {@link dev.backprop.spark.Sample}s, in
 * batches fixed by a {@link dev.backprop.spark.BatchSchedule} that one machine can replay, with the
 * run described by the same {@code FitOptions} as {@code Model.fit}. Tables (preprocessing fitted
 * on the cluster, rows to samples, scoring) are in {@code dev.backprop.spark.tables}. Spark itself
 * is a {@code provided} dependency: the cluster brings it.
 */
package dev.backprop.spark;
