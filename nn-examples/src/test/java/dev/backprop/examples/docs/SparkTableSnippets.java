package dev.backprop.examples.docs;

import dev.backprop.core.Sequential;
import dev.backprop.core.train.FitOptions;
import dev.backprop.data.tabular.MissingValues;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import dev.backprop.spark.tables.SparkPreprocessing;
import dev.backprop.spark.tables.SparkScoring;
import dev.backprop.spark.tables.TableSamples;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** docs/spark.md's tables in Java, as written there (Spark SQL's Dataset, not Backprop's). */
final class SparkTableSnippets {

    private SparkTableSnippets() {}

    static void sparkTables(SparkSession spark) {
        // snippet spark: tables
        Dataset<Row> table = spark.read().parquet("shop.parquet");
        Preprocessor preprocessor = SparkPreprocessing.fit(table,
                TabularOptions.defaults().withLabel("kind").withMissing(MissingValues.MOST_FREQUENT));
        int inputs = preprocessor.inputs(), outputs = preprocessor.outputs();
        SparkTraining training = SparkTrainer.builder()
                .network(() -> new Sequential(new Dense(inputs, 100), new ReLU(), new Dense(100, outputs)))
                .loss(SoftmaxCrossEntropy::new).optimizer(new Adam(0.001))
                .options(FitOptions.builder().epochs(20).batchSize(128).seed(1).build()).build()
                .fit(TableSamples.of(table, preprocessor));           // each partition encodes its own rows
        TabularModel model = new TabularModel(preprocessor, training.model());
        model.save(Path.of("shop.bpz"), Map.of());
        SparkScoring.score(spark.read().parquet("new.parquet"), model)   // one model per partition,
                .write().parquet("scored.parquet");                       // + prediction, p_<class> columns
        // end snippet
    }
}
