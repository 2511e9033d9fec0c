package dev.backprop.examples.cli;

import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.data.tabular.CsvOptions;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.data.tabular.Task;
import dev.backprop.spark.Sample;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import dev.backprop.spark.tables.SparkPreprocessing;
import dev.backprop.spark.tables.SparkScoring;
import dev.backprop.spark.tables.TableSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;

/**
 * The command's tables on Spark (Spark SQL's classes stay here and in the command's own
 * SparkSession helper, so that the other commands run without Spark): Parquet or CSV files in, a
 * trained table model out, or a scored table written back. Column names are read exactly as the
 * file has them: dots, spaces and names that differ only in case included.
 */
final class SparkTables {

    private SparkTables() {}

    /**
     * A table ready to train on, as {@code train} prepares a CSV file: its training rows' fitted
     * preprocessing and their count, and the held-out rows gathered on the driver.
     *
     * @param classCounts the training rows of each class, or null for a regression
     * @param targetRange a regression's smallest and largest standardised training target, or null
     * @param validation the validation rows ({@code --validation-split}), or null
     * @param test the {@code --test} file's rows, or null
     */
    record Prepared(Preprocessor preprocessor, long rows, long[] classCounts, double[] targetRange,
            InMemoryDataset validation, InMemoryDataset test) {}

    /** What the spark command needs to report and save once a table has trained. */
    record Training(Prepared table, SparkTraining training) {}

    static SparkSession session(String master) {
        SparkSession.Builder builder = SparkSession.builder().appName("backprop")
                // Columns named alike but for case are two columns, as in the file and in predict.
                .config("spark.sql.caseSensitive", "true");
        if (master != null) {
            builder.master(master);
        } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[2]");
        }
        return builder.getOrCreate();
    }

    /**
     * Holds out a seeded share of the rows, fits the preprocessing on the rest on the cluster,
     * then trains the network the recipe builds for it.
     *
     * @param validationSplit the share of rows held out for validation, 0 for none
     * @param test a test table measured after training, or null
     * @param trainer makes the trainer for the prepared table (its network's width depends on it)
     */
    static Training train(String master, Path file, CsvOptions csv, TabularOptions options, Integer partitions,
            double validationSplit, long seed, Path test, Function<Prepared, SparkTrainer> trainer) {
        SparkSession spark = session(master);
        try {
            org.apache.spark.sql.Dataset<Row> table = read(spark, file, csv);
            if (partitions != null) {
                table = table.repartition(partitions);
            }
            org.apache.spark.sql.Dataset<Row> trainRows = table;
            org.apache.spark.sql.Dataset<Row> validationRows = null;
            if (validationSplit > 0) {
                // randomSplit draws each row's side from the seed; the table is cached so that both sides
                // see the same rows in the same order.
                org.apache.spark.sql.Dataset<Row>[] parts = table.persist(StorageLevel.MEMORY_AND_DISK())
                        .randomSplit(new double[] {1 - validationSplit, validationSplit}, seed);
                trainRows = parts[0].persist(StorageLevel.MEMORY_AND_DISK());
                validationRows = parts[1];
            } else {
                // Fitting the preprocessing reads the rows once per column and statistic: from memory, not the file.
                trainRows = table.persist(StorageLevel.MEMORY_AND_DISK());
            }
            Preprocessor preprocessor = SparkPreprocessing.fit(trainRows, options);
            JavaRDD<Sample> samples = TableSamples.of(trainRows, preprocessor).persist(StorageLevel.MEMORY_AND_DISK());
            long rows = samples.count();
            boolean regression = preprocessor.task() == Task.REGRESSION;
            long[] counts = regression ? null : classCounts(samples, preprocessor.outputs());
            org.apache.spark.util.StatCounter targets = regression ? samples.mapToDouble(s -> s.target()[0]).stats() : null;
            Prepared prepared = new Prepared(preprocessor, rows, counts,
                    regression ? new double[] {targets.min(), targets.max()} : null,
                    validationRows == null ? null : gather(TableSamples.of(validationRows, preprocessor)),
                    test == null ? null : gather(TableSamples.of(read(spark, test, csv), preprocessor)));
            return new Training(prepared, trainer.apply(prepared).fit(samples));
        } finally {
            spark.stop();
        }
    }

    /** Scores a table with a model and writes it as Parquet (every column, then the predictions) or as predict's CSV. */
    static long score(String master, Path input, CsvOptions csv, TabularModel model, Path output) {
        boolean csvOutput = format(output).equals("csv");
        SparkSession spark = session(master);
        try {
            org.apache.spark.sql.Dataset<Row> scored = SparkScoring.score(read(spark, input, csv), model)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long rows = scored.count();
            if (csvOutput) {
                // One file on the driver, in the rows' order, with predict's columns and numbers.
                List<String> classes = model.preprocessor().task() == Task.REGRESSION ? List.of()
                        : model.preprocessor().classNames();
                Iterator<Row> iterator = scored.toLocalIterator();
                PredictionTable.write(output, PredictionTable.header(model.preprocessor().label(), classes),
                        new Iterator<>() {
                            @Override
                            public boolean hasNext() {
                                return iterator.hasNext();
                            }

                            @Override
                            public List<String> next() {
                                return line(iterator.next(), classes);
                            }
                        });
            } else {
                scored.write().mode(SaveMode.ErrorIfExists).parquet(output.toString());
            }
            return rows;
        } finally {
            spark.stop();
        }
    }

    /** A scored row as predict writes it: the prediction, then each class's probability. */
    private static List<String> line(Row row, List<String> classes) {
        Object prediction = row.getAs("prediction");
        if (classes.isEmpty()) {
            return List.of(PredictionTable.number(((Number) prediction).doubleValue()));
        }
        String[] line = new String[classes.size() + 1];
        line[0] = prediction.toString();
        for (int c = 0; c < classes.size(); c++) {
            line[c + 1] = PredictionTable.number(((Number) row.getAs("p_" + classes.get(c))).doubleValue());
        }
        return List.of(line);
    }

    /**
     * A Parquet table, or a CSV one read as {@code RawTable.read} reads it: the header (or
     * {@code column1, column2, ...} without one) and the delimiter given, else the one the first
     * line holds most often.
     */
    static org.apache.spark.sql.Dataset<Row> read(SparkSession spark, Path file, CsvOptions csv) {
        if (!Files.exists(file)) {
            throw new UsageException("No table at " + file);
        }
        if (format(file).equals("parquet")) {
            return spark.read().parquet(file.toString());
        }
        char delimiter = csv.delimiter() != null ? csv.delimiter() : delimiterOf(file);
        org.apache.spark.sql.Dataset<Row> table = spark.read().options(Map.of("header", Boolean.toString(csv.header()),
                "inferSchema", "true", "sep", Character.toString(delimiter))).csv(file.toString());
        // Spark names a column without a name _c<index> (R's write.csv leaves the row names' header
        // empty); RawTable names it column<index + 1>, as it names every column of a file without a header.
        String[] names = table.columns();
        for (int c = 0; c < names.length; c++) {
            if (!csv.header() || names[c].equals("_c" + c)) {
                names[c] = "column" + (c + 1);
            }
        }
        return table.toDF(names);
    }

    /** The delimiter of a CSV file's first line; of Spark's directory of parts, its first part's. */
    private static char delimiterOf(Path file) {
        Path first = file;
        try {
            if (Files.isDirectory(file)) {
                try (var parts = Files.list(file)) {
                    first = parts.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().findFirst()
                            .orElse(null);
                }
            }
            if (first == null) {
                return ',';
            }
            try (var reader = Files.newBufferedReader(first, java.nio.charset.StandardCharsets.UTF_8)) {
                char[] head = new char[1 << 16];
                int read = reader.read(head);
                return RawTable.detectDelimiter(read <= 0 ? "" : new String(head, 0, read));
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return ',';
        }
    }

    /** The training rows of each class, counted on the cluster. */
    private static long[] classCounts(JavaRDD<Sample> samples, int classes) {
        long[] counts = new long[classes];
        samples.map(sample -> (int) sample.target()[0]).countByValue().forEach((c, n) -> counts[c] = n);
        return counts;
    }

    /** Samples gathered on the driver as a data set. */
    private static InMemoryDataset gather(JavaRDD<Sample> samples) {
        List<Sample> rows = samples.collect();
        if (rows.isEmpty()) {
            return null;
        }
        int width = rows.get(0).features().length;
        int targets = rows.get(0).target().length;
        DMatrixRMaj inputs = new DMatrixRMaj(rows.size(), width);
        DMatrixRMaj values = new DMatrixRMaj(rows.size(), targets);
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r).features(), 0, inputs.data, r * width, width);
            System.arraycopy(rows.get(r).target(), 0, values.data, r * targets, targets);
        }
        return Dataset.of(inputs, values);
    }

    /** parquet for *.parquet and directories without a .csv name; csv for *.csv. */
    private static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? "csv" : "parquet";
    }
}
