package dev.backprop.spark.tables;

import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores a table on the cluster with a trained {@link TabularModel}: the model file travels once, as
 * a broadcast; each partition loads one model and predicts its rows in batches of {@value #BATCH}.
 * The result is the table with {@code prediction} (the class name, or the value in the target's
 * units) and, for a classifier, one {@code p_<class>} column per class.
 *
 * <pre>{@code
 * Dataset<Row> scored = SparkScoring.score(spark.read().parquet("new.parquet"), TabularModel.load(file));
 * scored.write().parquet("scored.parquet");
 * }</pre>
 */
public final class SparkScoring {

    /** Rows a partition predicts at once. */
    public static final int BATCH = 1024;

    private SparkScoring() {}

    /**
     * @param table rows with the model's feature columns (the label column, if there, is ignored)
     * @param model the model and its preprocessing
     * @return the rows the model predicts (all of them, unless its preprocessing drops rows with missing
     *     cells), with the prediction columns added
     */
    public static Dataset<Row> score(Dataset<Row> table, TabularModel model) {
        Objects.requireNonNull(model, "model");
        SparkSession spark = table.sparkSession();
        Broadcast<byte[]> file = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes(model));
        VectorColumns vectors = VectorColumns.of(table);
        boolean regression = model.preprocessor().task() == Task.REGRESSION;
        List<String> classes = model.preprocessor().classNames();
        StructType schema = table.schema().add("prediction", regression ? DataTypes.DoubleType : DataTypes.StringType);
        for (String name : classes) {
            schema = schema.add("p_" + name, DataTypes.DoubleType);
        }
        JavaRDD<Row> scored = table.javaRDD().mapPartitions(rows -> {
            TabularModel local = load(file.value());
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                List<Row> batch = new ArrayList<>(BATCH);
                while (rows.hasNext() && batch.size() < BATCH) {
                    batch.add(rows.next());
                }
                predict(local, vectors, batch, regression, out);
            }
            return out.iterator();
        });
        return spark.createDataFrame(scored, schema);
    }

    private static void predict(TabularModel model, VectorColumns vectors, List<Row> batch, boolean regression,
            List<Row> out) {
        RawTable part = TableSamples.rawTable(vectors, batch.iterator());
        TabularModel.Predictions predictions = model.predict(part);
        int[] kept = predictions.rows();
        for (int i = 0; i < kept.length; i++) {
            Row row = batch.get(kept[i]);
            List<Object> values = new ArrayList<>(row.length() + 1 + predictions.classes().size());
            for (int c = 0; c < row.length(); c++) {
                values.add(row.get(c));
            }
            if (regression) {
                values.add(predictions.values().get(i, 0));
            } else {
                values.add(predictions.predictedClass(i));
                for (int k = 0; k < predictions.classes().size(); k++) {
                    values.add(predictions.probabilities().get(i, k));
                }
            }
            out.add(RowFactory.create(values.toArray()));
        }
    }

    /** The model file's bytes, by way of a temporary file (the format is a zip file on disk). */
    private static byte[] bytes(TabularModel model) {
        try {
            Path file = Files.createTempFile("backprop-model", ".bpz");
            try {
                model.save(file, Map.of());
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TabularModel load(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("backprop-model", ".bpz");
        try {
            Files.write(file, bytes);
            return TabularModel.load(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

}
