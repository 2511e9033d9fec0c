/**
 * Tables on Apache Spark: {@link dev.backprop.spark.tables.SparkPreprocessing} fits a table's
 * preprocessing on the cluster by the same rules as one machine's {@code Preprocessor.fit},
 * {@link dev.backprop.spark.tables.TableSamples} encodes each partition's rows into training
 * samples, and {@link dev.backprop.spark.tables.SparkScoring} scores a table with a saved table
 * model. Column names are taken exactly as the table has them.
 */
package dev.backprop.spark.tables;
