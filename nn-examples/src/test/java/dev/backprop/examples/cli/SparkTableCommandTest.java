package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.data.tabular.CsvOptions;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spark --table} then {@code spark-predict}: a CSV table to a saved model to a scored Parquet table. */
class SparkTableCommandTest {

    @TempDir
    Path folder;

    private static String csv(int rows, long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        String[] colours = {"red", "green", "blue"};
        StringBuilder text = new StringBuilder("weight,volume,colour,kind\n");
        for (int r = 0; r < rows; r++) {
            double weight = random.uniform(0.1, 5);
            double volume = random.uniform(300, 12_000);
            String colour = colours[(int) (random.uniform(0, 1) * 3)];
            double signal = (weight - 2.5) / 1.4 + (volume - 6000) / 3400 + (colour.equals("red") ? 1 : 0);
            String kind = signal > 0.8 ? "premium" : signal > -0.2 ? "standard" : "budget";
            text.append(String.format(Locale.ROOT, "%.3f,%.0f,%s,%s%n", weight, volume, r % 13 == 5 ? "NA" : colour,
                    kind));
        }
        return text.toString();
    }

    @Test
    void aTableTrainsOnSparkAndIsScoredBackAsOneMachineScoresIt() throws IOException {
        Path train = Files.writeString(folder.resolve("shop.csv"), csv(1500, 1));
        Path fresh = Files.writeString(folder.resolve("shop-new.csv"), csv(300, 2));
        Path model = folder.resolve("shop.bpz");
        BackpropCommandTest.Run training = BackpropCommandTest.run("spark", "--master", "local[2]", "--table",
                train.toString(), "--label-column", "kind", "--missing", "most-frequent", "--epochs", "10",
                "--batch-size", "128", "--learning-rate", "0.01", "--save", model.toString(), "--quiet");
        assertEquals(0, training.exitCode(), training.err());
        double accuracy = Double.parseDouble(training.out().replaceAll("(?s).*accuracy ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.85, training.out());

        Path scored = folder.resolve("scored.parquet");
        BackpropCommandTest.Run scoring = BackpropCommandTest.run("spark-predict", "--master", "local[2]", "--model",
                model.toString(), "--input", fresh.toString(), "--output", scored.toString());
        assertEquals(0, scoring.exitCode(), scoring.err());
        assertTrue(scoring.err().contains("wrote 300 scored rows") || scoring.out().contains("wrote 300 scored rows"),
                scoring.out() + scoring.err());

        TabularModel local = TabularModel.load(model);
        TabularModel.Predictions expected = local.predict(RawTable.read(fresh, CsvOptions.defaults()));
        SparkSession spark = SparkSession.builder().master("local[1]").appName("read").getOrCreate();
        try {
            List<Row> rows = spark.read().parquet(scored.toString()).collectAsList();
            assertEquals(300, rows.size());
            RawTable table = RawTable.read(fresh, CsvOptions.defaults());
            for (int r = 0; r < table.size(); r++) {
                double weight = Double.parseDouble(table.cell(r, 0));
                double volume = Double.parseDouble(table.cell(r, 1));
                String colour = table.cell(r, 2);
                Row row = rows.stream().filter(s -> s.getDouble(0) == weight
                        && ((Number) s.get(1)).doubleValue() == volume && colour.equals(s.getString(2)))
                        .findFirst().orElseThrow();
                assertEquals(expected.predictedClass(r), row.getAs("prediction"), "row " + r);
                assertEquals(expected.probabilities().get(r, 0), (double) row.getAs("p_budget"), 1e-12);
            }
        } finally {
            spark.stop();
        }
        BackpropCommandTest.Run again = BackpropCommandTest.run("spark-predict", "--model", model.toString(), "--input",
                fresh.toString(), "--output", scored.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("exists"), again.err());
    }
}
