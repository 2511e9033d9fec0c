package dev.backprop.onnx;

import dev.backprop.core.linalg.Precision;
import dev.backprop.layers.BatchNorm;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Dropout;
import dev.backprop.layers.FeatureScale;
import dev.backprop.layers.LayerNorm;
import dev.backprop.layers.LeakyReLU;
import dev.backprop.layers.Linear;
import dev.backprop.layers.Mish;
import dev.backprop.layers.RangeClip;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.SELU;
import dev.backprop.layers.Sigmoid;
import dev.backprop.layers.Softmax;
import dev.backprop.layers.Tanh;
import java.util.List;
import java.util.Map;

/**
 * The exporters of Backprop's own layers. Where an ONNX attribute is a 32-bit float and a float64
 * graph must give the Java layer's own values, the constant goes into a tensor instead: ε is added
 * to BatchNorm's running variance (its {@code epsilon} attribute is then 0), LeakyReLU is
 * {@code Max(x, α·x)} in a float64 graph ({@code LeakyRelu} in a float32 one), and LayerNorm is its
 * arithmetic in a float64 graph ({@code LayerNormalization}, opset 17 and later, in a float32 one).
 * Dropout, Linear and nested {@code Sequential}s leave no node.
 */
public final class BuiltInExporters implements LayerExporterProvider {

    /** The first opset with {@code LayerNormalization}. */
    static final int LAYER_NORMALIZATION_OPSET = 17;

    @Override
    public List<LayerExporter<?>> exporters() {
        return List.of(
                LayerExporter.of(Dense.class, BuiltInExporters::dense),
                LayerExporter.of(ReLU.class, (layer, graph, input) -> graph.node("Relu", Map.of(), input)),
                LayerExporter.of(LeakyReLU.class, BuiltInExporters::leakyRelu),
                LayerExporter.of(Sigmoid.class, (layer, graph, input) -> graph.node("Sigmoid", Map.of(), input)),
                LayerExporter.of(Tanh.class, (layer, graph, input) -> graph.node("Tanh", Map.of(), input)),
                LayerExporter.of(SELU.class, BuiltInExporters::selu),
                LayerExporter.of(Mish.class, BuiltInExporters::mish),
                LayerExporter.of(RangeClip.class, (layer, graph, input) -> graph.node("Max", Map.of(),
                        graph.node("Min", Map.of(), input, graph.scalar("clip_high", layer.high())),
                        graph.scalar("clip_low", layer.low()))),
                LayerExporter.of(FeatureScale.class, (layer, graph, input) -> graph.node("Mul", Map.of(), input,
                        graph.matrix("feature_scale", layer.scale().value()))),
                LayerExporter.of(Softmax.class, (layer, graph, input) -> graph.node("Softmax", Map.of("axis", 1), input)),
                LayerExporter.of(Linear.class, (layer, graph, input) -> input),
                LayerExporter.of(Dropout.class, (layer, graph, input) -> input),
                LayerExporter.of(BatchNorm.class, BuiltInExporters::batchNorm),
                LayerExporter.of(LayerNorm.class, BuiltInExporters::layerNorm));
    }

    private static String dense(Dense layer, OnnxGraph graph, String input) {
        String weights = graph.matrix("dense_weights", layer.weights().value());
        String biases = graph.vector("dense_biases", layer.biases().value().data);
        return graph.node("Gemm", Map.of(), input, weights, biases);
    }

    private static String leakyRelu(LeakyReLU layer, OnnxGraph graph, String input) {
        if (graph.precision() == Precision.FLOAT32) {
            return graph.node("LeakyRelu", Map.of("alpha", layer.alpha()), input);
        }
        // α in [0, 1]: max(x, αx) is x for x > 0 and αx otherwise, with α in double precision.
        String scaled = graph.node("Mul", Map.of(), input, graph.scalar("leaky_alpha", layer.alpha()));
        return graph.node("Max", Map.of(), input, scaled);
    }

    /**
     * λ·max(z, 0) + λα·(e^min(z, 0) − 1), its constants in the graph's precision (ONNX's Selu takes
     * them as 32-bit float attributes).
     */
    private static String selu(SELU layer, OnnxGraph graph, String input) {
        String positive = graph.node("Mul", Map.of(), graph.node("Relu", Map.of(), input),
                graph.scalar("selu_lambda", SELU.LAMBDA));
        String below = graph.node("Min", Map.of(), input, graph.scalar("selu_zero", 0));
        String negative = graph.node("Mul", Map.of(), graph.node("Sub", Map.of(), graph.node("Exp", Map.of(), below),
                graph.scalar("selu_one", 1)), graph.scalar("selu_lambda_alpha", SELU.LAMBDA * SELU.ALPHA));
        return graph.node("Add", Map.of(), positive, negative);
    }

    /** z·tanh(softplus(z)), softplus as max(z, 0) + ln(1 + e^−|z|), as the layer computes it. */
    private static String mish(Mish layer, OnnxGraph graph, String input) {
        String exp = graph.node("Exp", Map.of(), graph.node("Neg", Map.of(), graph.node("Abs", Map.of(), input)));
        String softplus = graph.node("Add", Map.of(), graph.node("Relu", Map.of(), input),
                graph.node("Log", Map.of(), graph.node("Add", Map.of(), exp, graph.scalar("mish_one", 1))));
        return graph.node("Mul", Map.of(), input, graph.node("Tanh", Map.of(), softplus));
    }

    private static String batchNorm(BatchNorm layer, OnnxGraph graph, String input) {
        int features = layer.features();
        double[] scale = new double[features];
        double[] shift = new double[features];
        java.util.Arrays.fill(scale, 1);
        if (layer.affine()) {
            scale = layer.parameters().get(0).value().data.clone();
            shift = layer.parameters().get(1).value().data.clone();
        }
        double[] variance = layer.runningVariance();
        for (int j = 0; j < features; j++) {
            variance[j] += layer.epsilon();
        }
        return graph.node("BatchNormalization", Map.of("epsilon", 0.0), input, graph.vector("batchnorm_scale", scale),
                graph.vector("batchnorm_bias", shift), graph.vector("batchnorm_mean", layer.runningMean()),
                graph.vector("batchnorm_variance_plus_epsilon", variance));
    }

    private static String layerNorm(LayerNorm layer, OnnxGraph graph, String input) {
        String scale = graph.vector("layernorm_scale", layer.parameters().get(0).value().data);
        String bias = graph.vector("layernorm_bias", layer.parameters().get(1).value().data);
        if (graph.precision() == Precision.FLOAT32 && graph.opset() >= LAYER_NORMALIZATION_OPSET) {
            return graph.node("LayerNormalization", Map.of("axis", -1, "epsilon", layer.epsilon()), input, scale, bias);
        }
        // Its arithmetic, so that ε stays a double (or for an opset before LayerNormalization):
        // (x − mean) / √(variance + ε) · γ + β over each row.
        String mean = rowMean(graph, input);
        String centered = graph.node("Sub", Map.of(), input, mean);
        String variance = rowMean(graph, graph.node("Mul", Map.of(), centered, centered));
        String deviation = graph.node("Sqrt", Map.of(),
                graph.node("Add", Map.of(), variance, graph.scalar("layernorm_epsilon", layer.epsilon())));
        String normalized = graph.node("Mul", Map.of(), centered, graph.node("Reciprocal", Map.of(), deviation));
        return graph.node("Add", Map.of(), graph.node("Mul", Map.of(), normalized, scale), bias);
    }

    /** The mean of each row, N × 1: ReduceMean's axes are an attribute up to opset 17, an input from 18. */
    private static String rowMean(OnnxGraph graph, String input) {
        if (graph.opset() < 18) {
            return graph.node("ReduceMean", Map.of("axes", new long[] {1}, "keepdims", 1), input);
        }
        return graph.node("ReduceMean", Map.of("keepdims", 1), input, graph.int64s("row_axis", 1));
    }
}
