package dev.backprop.bench;

import dev.backprop.core.Sequential;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.FitOptions;
import dev.backprop.data.FashionMnist;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.optim.Adam;
import dev.backprop.spark.Samples;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;

/**
 * Backprop's {@code SparkTrainer} beside Spark MLlib's {@code MultilayerPerceptronClassifier} (sigmoid
 * hidden layers, L-BFGS), what a Spark user would pick instead: the same Fashion-MNIST slice, the same
 * {@code local[2]}, one hidden layer of 128; test accuracy and wall time of each fit. Run with
 * {@code mvn -B -q -DskipTests -Dinvoker.skip -pl nn-bench -am package exec:exec@mllib} (Debian's
 * dataset-fashion-mnist; {@code -Dfashion.dir} for another directory).
 */
public final class MllibComparison {

    private static final int TRAIN = 10_000;
    private static final int TEST = 2_000;

    private MllibComparison() {}

    /**
     * Prints one line per fit.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        Path directory = Path.of(System.getProperty("fashion.dir", FashionMnist.DEFAULT_DIRECTORY));
        InMemoryDataset train = FashionMnist.train(directory, TRAIN);
        InMemoryDataset test = FashionMnist.test(directory, TEST);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("MllibComparison")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            System.out.printf(Locale.ROOT, "Fashion-MNIST, %d training and %d test images, local[2]%n", TRAIN, TEST);
            mllib(spark, train, test);
            backprop(spark, train, test);
        } finally {
            spark.stop();
        }
    }

    private static void mllib(SparkSession spark, InMemoryDataset train, InMemoryDataset test) {
        Dataset<Row> trainRows = frame(spark, train).cache();
        Dataset<Row> testRows = frame(spark, test).cache();
        trainRows.count();
        testRows.count();
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        for (int iterations : new int[] {25, 50, 100, 200}) {
            long start = System.nanoTime();
            MultilayerPerceptronClassificationModel model = new MultilayerPerceptronClassifier()
                    .setLayers(new int[] {784, 128, 10}).setBlockSize(128).setMaxIter(iterations).setSeed(1L)
                    .fit(trainRows);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "MLlib MultilayerPerceptronClassifier, L-BFGS, %3d iterations: "
                    + "test accuracy %.4f, %.1f s%n", iterations, accuracy.evaluate(model.transform(testRows)), seconds);
        }
    }

    private static void backprop(SparkSession spark, InMemoryDataset train, InMemoryDataset test) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long start = System.nanoTime();
        SparkTraining training = SparkTrainer.builder()
                .network(() -> new Sequential(new Dense(784, 128), new ReLU(), new Dense(128, 10)))
                .loss(SoftmaxCrossEntropy::new).optimizer(new Adam(0.001)).metric(new CategoricalAccuracy())
                .options(FitOptions.builder().validation(test).epochs(5).batchSize(128).seed(1).build()).build()
                .fit(Samples.fromMatrices(context, train.inputs(), train.targets(), 2));
        double total = (System.nanoTime() - start) / 1e9;
        double elapsed = 0;
        for (EpochResult epoch : training.history().epochs()) {
            elapsed += epoch.wallTime().toNanos() / 1e9;
            System.out.printf(Locale.ROOT, "Backprop SparkTrainer, Adam, batch 128, epoch %d: test accuracy %.4f, "
                    + "%.1f s so far%n", epoch.epoch() + 1, epoch.validationMetrics().get("accuracy"), elapsed);
        }
        System.out.printf(Locale.ROOT, "Backprop SparkTrainer: %.1f s in all, Spark set-up included%n", total);
    }

    private static Dataset<Row> frame(SparkSession spark, InMemoryDataset data) {
        DMatrixRMaj x = data.inputs();
        List<Row> rows = new ArrayList<>(x.numRows);
        for (int r = 0; r < x.numRows; r++) {
            double[] features = new double[x.numCols];
            System.arraycopy(x.data, r * x.numCols, features, 0, x.numCols);
            rows.add(RowFactory.create(data.targets().get(r, 0), Vectors.dense(features)));
        }
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", new VectorUDT());
        return spark.createDataFrame(rows, schema).repartition(2);
    }
}
