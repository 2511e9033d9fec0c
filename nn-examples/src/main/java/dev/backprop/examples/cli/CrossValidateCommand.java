package dev.backprop.examples.cli;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.train.Evaluation;
import dev.backprop.core.train.Model;
import dev.backprop.data.tabular.CrossValidation;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.Task;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backprop cv}: k-fold cross-validation of a recipe on a CSV file: each fold measured by a
 * model trained on the others (its preprocessing fitted there, early stopping on a share of them),
 * then the mean and standard deviation of every figure.
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "Cross-validates a recipe on a CSV file: folds stratified by class for classification, seeded.")
final class CrossValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    RecipeOptions recipeOptions = new RecipeOptions();

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Option(names = "--folds", paramLabel = "K", description = "Folds (default: ${DEFAULT-VALUE})", defaultValue = "5")
    int folds;

    @Override
    public Integer call() {
        output.configureLogging();
        if (!data.kind().equals("csv")) {
            throw new UsageException("cv takes a table: --dataset csv:PATH");
        }
        if (folds < 2) {
            throw new UsageException("--folds must be at least 2, got " + folds);
        }
        Recipe recipe = recipeOptions.recipe("csv");
        long seed = seedOption.value(0);
        RawTable table = RawTable.read(DataOptions.csvPath(data.dataset, "--dataset"), data.csv.csv());
        if (folds > table.size()) {
            throw new UsageException("--folds " + folds + " is more than the " + table.size() + " rows");
        }
        // The label and the task, decided once on the whole file, stratify the folds.
        Preprocessor whole = Preprocessor.fit(table, data.csv.tabular(data.labelColumn.name));
        String stratify = whole.task() == Task.CLASSIFICATION ? whole.label() : null;
        PrintWriter out = spec.commandLine().getOut();
        CrossValidation.Result result = CrossValidation.run(table, stratify, folds, seed, (train, test, fold) -> {
            RawTable[] parts = train.split(data.validationSplit(), seed + fold);
            Problem problem = data.table(parts[0], parts[1], test);
            recipe.scheduleFor(problem.train().size());
            Model model = recipe.build(problem, new NumpyRandom(seed + fold), seed + fold);
            model.fit(problem.train(), recipe.fitOptions(seed + fold, problem.validation().get()).logEveryEpochs(0)
                    .build());
            Evaluation evaluation = model.evaluate(problem.test());
            out.printf(Locale.ROOT, "fold %d/%d: %s (%d rows)%n", fold + 1, folds,
                    Figures.figures(evaluation.loss(), evaluation.metrics()), evaluation.samples());
            out.flush();
            return evaluation;
        });
        StringBuilder line = new StringBuilder("mean ± sd:");
        for (Map.Entry<String, double[]> figure : result.summary().entrySet()) {
            line.append(line.length() > 10 ? ", " : " ").append(figure.getKey()).append(' ')
                    .append(Figures.number(figure.getValue()[0])).append(" ± ").append(Figures.number(figure.getValue()[1]));
        }
        out.println(line);
        out.flush();
        return 0;
    }
}
