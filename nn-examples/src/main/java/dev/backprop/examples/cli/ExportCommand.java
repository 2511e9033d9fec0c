package dev.backprop.examples.cli;

import dev.backprop.core.io.ModelFile;
import dev.backprop.core.linalg.Precision;
import dev.backprop.data.FashionMnist;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.onnx.OnnxExport;
import dev.backprop.onnx.OnnxOptions;
import dev.backprop.onnx.OnnxSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backprop export}: a saved model as one ONNX file, with its table's preprocessing inside. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a saved model as ONNX, which ONNX Runtime and other runtimes run from Python, C#, C++, "
                + "JavaScript or a phone.",
            "A table's model takes its raw columns (one input per column: numbers, or categories as strings) and "
                + "gives 'probabilities' and 'label', or 'value' in the target's units; other models take 'input' "
                + "and give 'output' (and 'label' for a classifier whose class names are known)."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    ModelFileOption modelFile = new ModelFileOption();

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The ONNX file to write (.onnx)")
    Path outputFile;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "float32",
            description = "float32 (every runtime runs it) or float64 (the model's own numbers). Default: ${DEFAULT-VALUE}")
    String precision;

    @Option(names = "--opset", paramLabel = "N", defaultValue = "" + OnnxOptions.DEFAULT_OPSET,
            description = "ONNX operator set, " + OnnxOptions.MIN_OPSET + " to " + OnnxOptions.MAX_OPSET
                    + ". Default: ${DEFAULT-VALUE}")
    int opset;

    @Option(names = "--summary", description = "Print the written graph's inputs, outputs and operators")
    boolean summary;

    @Override
    public Integer call() {
        output.configureLogging();
        OutputFiles.check(outputFile, "--output");
        OnnxOptions options;
        try {
            options = OnnxOptions.defaults().withPrecision(Precision.parse(precision)).withOpset(opset);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ModelFile.Contents contents = ModelFile.read(modelFile.file);
        Map<String, Object> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.remove(TabularModel.METADATA_KEY); // the graph carries the preprocessing itself
        metadata.remove("classes"); // their number; the graph's metadata names them
        options = options.withMetadata(metadata);
        Preprocessor preprocessor = TabularModel.preprocessing(contents, modelFile.file);
        if (preprocessor != null) {
            OnnxExport.write(new TabularModel(preprocessor, contents.model()), outputFile, options);
        } else {
            OnnxExport.write(contents.model(), outputFile, options.withClassNames(classNames(contents)));
        }
        output.say(spec, "wrote " + outputFile);
        if (summary) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(OnnxSummary.describe(outputFile));
            out.flush();
        }
        return 0;
    }

    /**
     * The class names of a model trained on arrays, as training saved them: Fashion-MNIST's garments,
     * the indices for another classifier, none for a regression.
     */
    private static List<String> classNames(ModelFile.Contents contents) {
        if (!(contents.metadata().get("classes") instanceof Number count) || count.intValue() < 2) {
            return List.of();
        }
        int width = contents.model().inputWidth();
        if (width < 1 || contents.model().predict(new DMatrixRMaj(1, width)).numCols != count.intValue()) {
            return List.of();
        }
        return "fashion-mnist".equals(contents.metadata().get("dataset")) && count.intValue() == FashionMnist.CLASSES.length
                ? List.of(FashionMnist.CLASSES) : Problem.indexNames(count.intValue());
    }
}
