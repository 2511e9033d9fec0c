package dev.backprop.examples.cli;

import dev.backprop.core.io.ModelFile;
import dev.backprop.data.tabular.ColumnSummary;
import dev.backprop.data.tabular.MissingValues;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.onnx.OnnxSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backprop inspect data.csv}: the columns of a table, their types, missing cells and values. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Shows a CSV file's columns: inferred type, missing cells, min/mean/max or categories, "
                + "and the label's distribution with the task it implies.",
            "Given a model file (.bpz): its layers, output shapes and parameters, loss, optimizer and preprocessing.",
            "Given an ONNX file (.onnx): its inputs, outputs, operators and metadata."})
final class InspectCommand implements Callable<Integer> {

    private static final int SHOWN_CATEGORIES = 8;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    CsvDataOptions csv = new CsvDataOptions();

    @Mixin
    LabelColumnOption labelColumn = new LabelColumnOption();

    @Parameters(index = "0", paramLabel = "FILE", description = "A CSV file, a model file (.bpz) or an ONNX file (.onnx)")
    Path file;

    @Override
    public Integer call() {
        output.configureLogging();
        if (file.getFileName().toString().endsWith(".bpz")) {
            return inspectModel();
        }
        if (file.getFileName().toString().endsWith(".onnx")) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(OnnxSummary.describe(file));
            out.flush();
            return 0;
        }
        RawTable table = RawTable.read(file, csv.csv());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %d rows, %d columns%n%n", file, table.size(), table.columns().size());
        out.printf(Locale.ROOT, "%-24s %-11s %8s  %s%n", "column", "type", "missing", "values");
        for (ColumnSummary column : ColumnSummary.of(table)) {
            out.printf(Locale.ROOT, "%-24s %-11s %8d  %s%n", column.name(), column.numeric() ? "numeric" : "categorical",
                    column.missing(), column.numeric()
                            ? String.format(Locale.ROOT, "min %s, mean %s, max %s (%d distinct)",
                                    Figures.number(column.min()), Figures.number(column.mean()),
                                    Figures.number(column.max()), column.distinct())
                            : categories(column.counts()));
        }
        // The label: the preprocessing's own choice of column and task, with its reason.
        TabularOptions options = csv.tabular(labelColumn.name);
        if (options.missing() == MissingValues.ERROR) {
            options = options.withMissing(MissingValues.MOST_FREQUENT); // the summary above counts them
        }
        Preprocessor preprocessor = Preprocessor.fit(table, options);
        ColumnSummary label = ColumnSummary.of(table).get(table.indexOf(preprocessor.label()));
        out.printf(Locale.ROOT, "%nlabel '%s': %s, as %s%n", preprocessor.label(), preprocessor.task(),
                preprocessor.taskReason());
        if (!preprocessor.classNames().isEmpty()) {
            for (Map.Entry<String, Integer> entry : label.counts().entrySet()) {
                out.printf(Locale.ROOT, "  %-22s %8d  %5.1f %%%n", entry.getKey(), entry.getValue(),
                        100.0 * entry.getValue() / (table.size() - label.missing()));
            }
        } else {
            out.printf(Locale.ROOT, "  min %s, mean %s, max %s%n", Figures.number(label.min()),
                    Figures.number(label.mean()), Figures.number(label.max()));
        }
        out.printf(Locale.ROOT, "%d inputs once encoded (numbers scaled, categories one-hot)%n", preprocessor.inputs());
        out.flush();
        return 0;
    }

    /** A saved model: its summary, and the preprocessing it carries. */
    private int inspectModel() {
        ModelFile.Contents contents = ModelFile.read(file);
        PrintWriter out = spec.commandLine().getOut();
        out.print(contents.model().summary());
        Preprocessor preprocessor = TabularModel.preprocessing(contents, file);
        if (preprocessor != null) {
            out.printf(Locale.ROOT, "%nPreprocessing: label '%s', %s%s%n", preprocessor.label(), preprocessor.task(),
                    preprocessor.classNames().isEmpty() ? String.format(Locale.ROOT, ", target mean %s, scale %s",
                            Figures.number(preprocessor.targetMean()), Figures.number(preprocessor.targetScale()))
                            : ", classes " + preprocessor.classNames());
            preprocessor.describe().forEach((column, how) -> out.printf(Locale.ROOT, "  %-22s %s%n", column, how));
        }
        out.flush();
        return 0;
    }

    private static String categories(Map<String, Integer> counts) {
        List<String> shown = counts.entrySet().stream().limit(SHOWN_CATEGORIES)
                .map(entry -> entry.getKey() + " " + entry.getValue()).toList();
        String more = counts.size() > SHOWN_CATEGORIES ? ", … (" + counts.size() + " in all)" : "";
        return shown.stream().collect(Collectors.joining(", ")) + more;
    }
}
