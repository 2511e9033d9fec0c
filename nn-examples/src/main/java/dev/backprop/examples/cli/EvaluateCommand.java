package dev.backprop.examples.cli;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.metrics.ConfusionMatrix;
import dev.backprop.core.train.Evaluation;
import dev.backprop.core.train.Model;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backprop evaluate}: a saved model's loss, accuracy, confusion matrix and per-class scores. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measures a saved model on a data set's held-out samples (Fashion-MNIST: the test set).")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    ModelFileOption modelFile = new ModelFileOption();

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    PlotOption plot = new PlotOption();

    @Override
    public Integer call() {
        output.configureLogging();
        long seed = seedOption.value(1);
        Model model = ModelFile.load(modelFile.file);
        Problem problem = data.load(new NumpyRandom(seed), seed);
        InMemoryDataset test = problem.validation().get();
        if (test.inputs().numCols != problem.inputs()) {
            throw new UsageException("the data has " + test.inputs().numCols + " features per sample");
        }
        Evaluation evaluation = model.evaluate(test);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "samples: %d%nloss: %.6f%n", evaluation.samples(), evaluation.loss());
        evaluation.metrics().forEach((name, value) -> out.printf(Locale.ROOT, "%s: %.4f%n", name, value));
        if (Predictions.isClassifier(model)) {
            org.ejml.data.DMatrixRMaj probabilities = Predictions.probabilities(model, test.inputs());
            ConfusionMatrix matrix = new ConfusionMatrix(Math.max(2, probabilities.numCols))
                    .add(probabilities, test.targets());
            out.println();
            out.print(matrix);
            if (plot.directory != null) {
                output.say(spec, "chart: " + dev.backprop.examples.plot.Charts.confusionMatrix(matrix,
                        plot.directory.resolve("confusion-matrix.png")));
            }
        }
        out.flush();
        return 0;
    }

}
