package dev.backprop.examples.docs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.backprop.core.Layer;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.Model;
import dev.backprop.data.tabular.CsvOptions;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.data.tabular.RawTable;
import dev.backprop.data.tabular.TabularModel;
import dev.backprop.data.tabular.TabularOptions;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.Softmax;
import dev.backprop.layers.SoftmaxCrossEntropy;
import dev.backprop.onnx.LayerExporter;
import dev.backprop.optim.Adam;
import dev.backprop.optim.ReduceOnPlateau;
import dev.backprop.optim.SGD;
import dev.backprop.optim.Schedules;
import dev.backprop.spark.Sample;
import dev.backprop.spark.SparkTrainer;
import dev.backprop.spark.SparkTraining;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;

/**
 * The Java snippets of docs/ as they are written there, each between its markers, so that the
 * build compiles every one; {@link DocsSnippetsTest} checks that the pages show them unchanged and
 * runs those that need no files of their own.
 */
final class DocSnippets {

    private DocSnippets() {}

    static void schedules(Model model, Dataset train, Dataset test) {
        // snippet training: schedules
        Adam adam = Adam.builder().learningRate(0.001)
                .schedule(new Schedules.Warmup(500, 1.0 / 3, new Schedules.Cosine(9_500, 0)))   // LinearLR, then cosine
                .build();
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.5, 5);          // also a TrainingListener: give it to fit
        SGD sgd = SGD.builder().learningRate(0.1).schedule(plateau).build();
        model.fit(train, FitOptions.builder().validation(test).listener(plateau).build());
        // end snippet
    }

    static String table() {
        // snippet tables: in Java
        RawTable train = RawTable.read(Path.of("train.csv"), CsvOptions.defaults());
        Preprocessor preprocessor = Preprocessor.fit(train, TabularOptions.defaults().withLabel("price"));
        Model model = Model.builder(new Sequential(new Dense(preprocessor.inputs(), 64), new ReLU(),
                        new Dense(64, preprocessor.outputs()), new Softmax()))
                .loss(new CategoricalCrossEntropy()).optimizer(new Adam(0.001)).build();
        model.fit(preprocessor.encode(train).dataset(), FitOptions.builder().epochs(100).build());
        new TabularModel(preprocessor, model).save(Path.of("price.bpz"), Map.of());

        TabularModel.Predictions p = TabularModel.load(Path.of("price.bpz"))
                .predict(RawTable.read(Path.of("new.csv"), CsvOptions.defaults()));   // raw rows in
        String first = p.predictedClass(0);                                           // class names out
        // end snippet
        return first;
    }

    static Model spark(JavaRDD<Sample> samples) {
        // snippet spark: training
        SparkTraining result = SparkTrainer.builder()
                .network(() -> new Sequential(new Dense(784, 128), new ReLU(), new Dense(128, 10)))
                .loss(SoftmaxCrossEntropy::new)                  // factories: executors build their own copies
                .optimizer(Adam.builder().learningRate(0.001).build())
                .options(FitOptions.builder().epochs(10).batchSize(128).seed(42).build())   // as Model.fit takes them
                .build()
                .fit(samples);                                   // a JavaRDD<Sample>: Sample.of(features, target)
        Model model = result.model();                            // on the driver: evaluate, predict, ModelFile.save
        // end snippet
        return model;
    }

    static Model modelFiles(Model model) {
        // snippet model files
        ModelFile.save(model, Path.of("model.bpz"));             // atomic: a temporary file, then a rename
        Model again = ModelFile.load(Path.of("model.bpz"));       // ready to predict, or to train further
        // end snippet
        return again;
    }

    static void onnx(float[] pixels, int n) throws OrtException {
        // snippet onnx: runtime
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession("fashion.onnx", new OrtSession.SessionOptions());
             OnnxTensor images = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {n, 784});
             OrtSession.Result result = session.run(Map.of("input", images))) {
            String[] garments = (String[]) result.get("label").orElseThrow().getValue();
        }
        // end snippet
    }

    /** A layer to export: x · sigmoid(x). */
    interface Swish extends Layer {}

    static LayerExporter<Swish> exporter() {
        // snippet onnx: an exporter
        LayerExporter<Swish> swish = LayerExporter.of(Swish.class, (layer, graph, input) ->    // x · sigmoid(x)
                graph.node("Mul", Map.of(), input, graph.node("Sigmoid", Map.of(), input)));
        // end snippet
        return swish;
    }
}
