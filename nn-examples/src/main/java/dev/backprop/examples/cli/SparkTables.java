package dev.backprop.examples.cli;

import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.spark.SparkPreprocessing;
import dev.backprop.spark.SparkScoring;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import dev.backprop.spark.TableSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The command's tables on Spark (Spark SQL's classes stay here and in the command's own
 * SparkSession helper, so that the other commands run without Spark): Parquet or CSV files in, a
 * trained table model out, or a scored table written back.
 */
final class SparkTables {

    private SparkTables() {}

    /** What the spark command needs to train on a table once its preprocessing is fitted. */
    record Training(Preprocessor preprocessor, SparkTraining training) {}

    static SparkSession session(String master) {
        SparkSession.Builder builder = SparkSession.builder().appName("backprop");
        if (master != null) {
            builder.master(master);
        } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[2]");
        }
        return builder.getOrCreate();
    }

    /**
     * Fits the preprocessing on the cluster, then trains the network the recipe builds for it.
     *
     * @param trainer makes the trainer for a fitted preprocessing (its network's width depends on it)
     */
    static Training train(String master, Path file, TabularOptions options, Integer partitions,
            Function<Preprocessor, SparkTrainer> trainer) {
        SparkSession spark = session(master);
        try {
            Dataset<Row> table = read(spark, file);
            if (partitions != null) {
                table = table.repartition(partitions);
            }
            Preprocessor preprocessor = SparkPreprocessing.fit(table, options);
            return new Training(preprocessor, trainer.apply(preprocessor).fit(TableSamples.of(table, preprocessor)));
        } finally {
            spark.stop();
        }
    }

    /** Scores a table file with a model and writes the scored table; returns the rows written. */
    static long score(String master, Path input, TabularModel model, Path output) {
        if (Files.exists(output)) {
            throw new UsageException(output + " exists; Spark writes a new directory there, so choose another --output");
        }
        SparkSession spark = session(master);
        try {
            Dataset<Row> scored = SparkScoring.score(read(spark, input), model).cache();
            long rows = scored.count();
            if (format(output).equals("parquet")) {
                scored.write().mode(SaveMode.ErrorIfExists).parquet(output.toString());
            } else {
                scored.write().mode(SaveMode.ErrorIfExists).option("header", "true").csv(output.toString());
            }
            return rows;
        } finally {
            spark.stop();
        }
    }

    static Dataset<Row> read(SparkSession spark, Path file) {
        if (!Files.exists(file)) {
            throw new UsageException("No table at " + file);
        }
        return format(file).equals("parquet") ? spark.read().parquet(file.toString())
                : spark.read().option("header", "true").option("inferSchema", "true").csv(file.toString());
    }

    /** parquet for *.parquet and directories without a .csv name; csv for *.csv. */
    private static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? "csv" : "parquet";
    }
}
