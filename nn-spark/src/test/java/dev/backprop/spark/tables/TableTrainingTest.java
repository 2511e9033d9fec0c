package dev.backprop.spark.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.data.tabular.Feature;
import dev.backprop.data.tabular.MissingValues;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.Scaling;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** From a DataFrame to a trained table model and back to a scored DataFrame, in local[2]. */
public class TableTrainingTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("tables").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The shop table's columns. */
    public static final StructType SCHEMA = new StructType().add("weight", DataTypes.DoubleType)
            .add("volume", DataTypes.IntegerType).add("colour", DataTypes.StringType).add("kind", DataTypes.StringType);

    /** A shop's rows: two numbers (one with nulls), a colour with NA and nulls, a text label. */
    /** @return rows of the shop table: weight, volume, colour (some missing), kind */
    public static List<Row> rows(int count, long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        String[] colours = {"red", "green", "blue"};
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            double weight = random.uniform(0.1, 5);
            int volume = (int) random.uniform(300, 12_000);
            String colour = colours[(int) (random.uniform(0, 1) * 3)];
            double signal = (weight - 2.5) / 1.4 + (volume - 6000) / 3400.0 + (colour.equals("red") ? 1 : 0);
            String kind = signal > 0.8 ? "premium" : signal > -0.2 ? "standard" : "budget";
            rows.add(RowFactory.create(r % 17 == 3 ? null : weight, volume,
                    r % 13 == 5 ? "NA" : r % 19 == 7 ? null : colour, kind));
        }
        return rows;
    }

    /** @return the rows as the cells a CSV file would hold */
    public static RawTable raw(List<Row> rows) {
        return TableSamples.rawTable(List.of(SCHEMA.fieldNames()), rows.iterator());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = MissingValues.class, names = {"MEDIAN", "INDICATE"})
    void theClusterFitsThePreprocessingOneMachineFits(MissingValues missing) {
        List<Row> rows = rows(600, 1);
        // The default missing cells with robust scaling too: its medians and quartiles, exact on the cluster.
        TabularOptions options = TabularOptions.defaults().withLabel("kind").withMissing(missing)
                .withScaling(missing == MissingValues.INDICATE ? Scaling.ROBUST : Scaling.STANDARD);
        Preprocessor onSpark = SparkPreprocessing.fit(spark.createDataFrame(rows, SCHEMA).repartition(3), options);
        Preprocessor local = Preprocessor.fit(raw(rows), options);
        assertEquals(local.classNames(), onSpark.classNames());
        assertEquals(local.task(), onSpark.task());
        assertEquals(local.features().size(), onSpark.features().size());
        for (int f = 0; f < local.features().size(); f++) {
            Feature expected = local.features().get(f);
            Feature actual = onSpark.features().get(f);
            assertEquals(expected.name(), actual.name());
            assertEquals(expected.numeric(), actual.numeric(), expected.name());
            assertEquals(expected.categories(), actual.categories(), expected.name());
            assertEquals(expected.center(), actual.center(), 1e-12 * Math.abs(expected.center()), expected.name());
            assertEquals(expected.scale(), actual.scale(), 1e-12 * expected.scale(), expected.name());
            assertEquals(expected.fill(), actual.fill(), 1e-12 * Math.abs(expected.fill()), expected.name());
            assertEquals(expected.missingIndicator(), actual.missingIndicator(), expected.name());
            assertEquals(expected.smoothClip(), actual.smoothClip(), expected.name());
        }
    }

    @Test
    void aDataFrameTrainsAModelThatScoresADataFrameAsOneMachineDoes() {
        Dataset<Row> train = spark.createDataFrame(rows(1500, 2), SCHEMA).repartition(2);
        Preprocessor preprocessor = SparkPreprocessing.fit(train, TabularOptions.defaults().withLabel("kind")
                .withMissing(MissingValues.MOST_FREQUENT));
        int inputs = preprocessor.inputs();
        int outputs = preprocessor.outputs();
        SparkTraining training = SparkTrainer.builder()
                .network(() -> new Sequential(new Dense(inputs, 32), new ReLU(), new Dense(32, outputs)))
                .loss(SoftmaxCrossEntropy::new).optimizer(new Adam(0.01)).metric(new CategoricalAccuracy())
                .options(FitOptions.builder().epochs(10).batchSize(128).seed(3).build()).build()
                .fit(TableSamples.of(train, preprocessor));
        TabularModel model = new TabularModel(preprocessor, training.model());

        List<Row> test = rows(700, 3);
        List<Row> scored = SparkScoring.score(spark.createDataFrame(test, SCHEMA).repartition(3).coalesce(3), model)
                .collectAsList();
        TabularModel.Predictions expected = model.predict(raw(test));
        assertEquals(700, scored.size());
        int right = 0;
        for (int r = 0; r < test.size(); r++) {
            Row original = test.get(r);
            Row row = scored.stream().filter(s -> java.util.Objects.equals(s.get(0), original.get(0))
                    && java.util.Objects.equals(s.get(1), original.get(1))
                    && java.util.Objects.equals(s.get(2), original.get(2))).findFirst().orElseThrow();
            assertEquals(expected.predictedClass(r), row.getString(4));
            for (int k = 0; k < 3; k++) {
                assertEquals(expected.probabilities().get(r, k), row.getDouble(5 + k), 1e-12);
            }
            right += row.getString(4).equals(original.getString(3)) ? 1 : 0;
        }
        assertTrue(right > 0.85 * test.size(), "accuracy " + right / 700.0);
        assertEquals(List.of("weight", "volume", "colour", "kind", "prediction", "p_budget", "p_premium", "p_standard"),
                List.of(SparkScoring.score(spark.createDataFrame(test, SCHEMA), model).columns()));
    }

    @Test
    void aVectorColumnIsOneNumericFeaturePerElement() {
        List<Row> rows = rows(400, 7);
        Dataset<Row> plain = spark.createDataFrame(rows, SCHEMA).na().fill(1.5, new String[] {"weight"});
        Dataset<Row> assembled = plain.select(org.apache.spark.sql.functions.array(
                org.apache.spark.sql.functions.col("weight"), org.apache.spark.sql.functions.col("volume").cast("double"))
                .as("features"), org.apache.spark.sql.functions.col("colour"), org.apache.spark.sql.functions.col("kind"));
        TabularOptions options = TabularOptions.defaults().withLabel("kind").withMissing(MissingValues.MEAN);
        Preprocessor fromVectors = SparkPreprocessing.fit(assembled, options);
        assertEquals(List.of("features[0]", "features[1]", "colour"), fromVectors.featureNames());
        Preprocessor fromColumns = SparkPreprocessing.fit(plain.select("weight", "volume", "colour", "kind"), options);
        for (int f = 0; f < 2; f++) {
            assertEquals(fromColumns.features().get(f).center(), fromVectors.features().get(f).center(),
                    1e-12 * Math.abs(fromColumns.features().get(f).center()));
            assertEquals(fromColumns.features().get(f).scale(), fromVectors.features().get(f).scale(),
                    1e-12 * fromColumns.features().get(f).scale());
        }
        assertEquals(400, TableSamples.of(assembled, fromVectors).count());
        Model network = Model.builder(new Sequential(new Dense(fromVectors.inputs(), 4), new ReLU(),
                new Dense(4, 3), new dev.backprop.layers.Softmax())).loss(new dev.backprop.layers.CategoricalCrossEntropy())
                .build();
        List<Row> scored = SparkScoring.score(assembled, new TabularModel(fromVectors, network)).collectAsList();
        assertEquals(400, scored.size());
        assertTrue(List.of("budget", "premium", "standard").contains(scored.get(0).getString(3)));
    }
}
