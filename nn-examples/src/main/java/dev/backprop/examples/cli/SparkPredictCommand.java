package dev.backprop.examples.cli;

import dev.backprop.data.tabular.TabularModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backprop spark-predict}: scores a Parquet or CSV table on Spark with a saved table model. */
@Command(name = "spark-predict", mixinStandardHelpOptions = true,
        description = {"Score a Parquet or CSV table on Apache Spark with a model trained on a table (train or spark "
                + "--table): each partition loads the model once and predicts its rows in batches.",
            "Writes the table with 'prediction' (the class name, or the value in the target's units) and one "
                + "'p_<class>' column per class, as Parquet, or as CSV when --output ends in .csv."})
final class SparkPredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    ModelFileOption modelFile = new ModelFileOption();

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The table to score (.parquet or .csv)")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "PATH",
            description = "Where to write the scored rows: FILE.csv for predict's CSV (one file), else a new "
                    + "directory of Parquet parts with every column of the input")
    Path outputDirectory;

    @Mixin
    CsvFormatOptions format = new CsvFormatOptions();

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, such as local[2] (default: spark-submit's, else local[2])")
    String master;

    @Override
    public Integer call() {
        output.configureLogging();
        if (outputDirectory.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            OutputFiles.check(outputDirectory, "--output");
        } else if (java.nio.file.Files.exists(outputDirectory)) {
            throw new UsageException(outputDirectory + " exists; Spark writes a new directory of Parquet parts there, "
                    + "so choose another --output");
        }
        TabularModel model = TabularModel.load(modelFile.file);
        long rows;
        try {
            rows = SparkTables.score(master, input, format.csv(), model, outputDirectory);
        } catch (NoClassDefFoundError missing) {
            throw SparkCommand.sparkMissing(missing);
        }
        output.say(spec, "wrote " + rows + " scored rows to " + outputDirectory);
        return 0;
    }
}
