package dev.backprop.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.backprop.core.linalg.Precision;
import dev.backprop.data.tabular.Feature;
import dev.backprop.data.tabular.MissingValues;
import dev.backprop.data.tabular.Preprocessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A table's preprocessing as graph nodes: one graph input per feature column, named as the column
 * (numbers as [N, 1] floating-point tensors, categories as [N, 1] string tensors), encoded as {@link
 * Preprocessor#encode} does and concatenated into the network's input.
 *
 * <ul>
 *   <li>A number: a NaN becomes the fitted fill value when missing cells are filled ({@code IsNaN},
 *       {@code Where}), then {@code (x − center) / scale} ({@code Sub}, {@code Div}); with a missing
 *       indicator, a second column 1 where the cell was NaN ({@code Cast}, {@code Concat}); robust
 *       scaling's smooth clip {@code z / sqrt(1 + (z/3)²)} as its arithmetic.
 *   <li>A category: one-hot over the training categories ({@code ai.onnx.ml.OneHotEncoder}, an
 *       unknown category all zeros); when missing cells are filled, {@code ai.onnx.ml.LabelEncoder}
 *       first maps the missing marks ({@link MissingValues#MARKS} in any case) to the fill category.
 *       The strings are compared as given: a caller passes them without surrounding blanks, as the
 *       CSV reader does.
 * </ul>
 */
final class TabularInputs {

    private TabularInputs() {}

    /** Declares the columns' inputs (names reserved already) and returns the network's input. */
    static String emit(Preprocessor preprocessor, OnnxGraph graph) {
        List<String> encoded = new ArrayList<>();
        for (Feature feature : preprocessor.features()) {
            encoded.add(feature.numeric() ? number(feature, graph) : category(feature, graph));
        }
        return encoded.size() == 1 ? encoded.get(0)
                : graph.node("Concat", Map.of("axis", 1), encoded.toArray(String[]::new));
    }

    private static String number(Feature feature, OnnxGraph graph) {
        String x = feature.name();
        graph.input(x, graph.floatType(), 1);
        String indicator = null;
        if (!Double.isNaN(feature.fill())) {
            String missing = graph.node("IsNaN", Map.of(), x);
            if (feature.missingIndicator()) {
                indicator = graph.node("Cast", Map.of("to", graph.floatType()), missing);
            }
            x = graph.node("Where", Map.of(), missing, graph.scalar(x + "_fill", feature.fill()), x);
        }
        if (feature.center() != 0) {
            x = graph.node("Sub", Map.of(), x, graph.scalar(feature.name() + "_center", feature.center()));
        }
        if (feature.scale() != 1) {
            x = graph.node("Div", Map.of(), x, graph.scalar(feature.name() + "_scale", feature.scale()));
        }
        if (feature.smoothClip()) {
            // z / sqrt(1 + (z/3)²)
            String third = graph.node("Div", Map.of(), x, graph.scalar(feature.name() + "_three", 3));
            String square = graph.node("Mul", Map.of(), third, third);
            String root = graph.node("Sqrt", Map.of(), graph.node("Add", Map.of(), square,
                    graph.scalar(feature.name() + "_one", 1)));
            x = graph.node("Div", Map.of(), x, root);
        }
        return indicator == null ? x : graph.node("Concat", Map.of("axis", 1), x, indicator);
    }

    private static String category(Feature feature, OnnxGraph graph) {
        String x = feature.name();
        graph.input(x, TensorProto.DataType.STRING_VALUE, 1);
        if (!Double.isNaN(feature.fill())) {
            String fill = feature.categories().get((int) feature.fill());
            List<String> keys = new ArrayList<>(feature.categories());
            List<String> values = new ArrayList<>(feature.categories());
            for (String mark : markSpellings()) {
                keys.add(mark);
                values.add(fill);
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("keys_strings", keys);
            attributes.put("values_strings", values);
            attributes.put("default_string", ""); // an unknown category: no category, all zeros below
            x = graph.node(OnnxGraph.ML_DOMAIN, "LabelEncoder", attributes, x);
            graph.declare(x, TensorProto.DataType.STRING_VALUE, 1);
        }
        String oneHot = graph.node(OnnxGraph.ML_DOMAIN, "OneHotEncoder",
                Map.of("cats_strings", feature.categories(), "zeros", 1), x);
        graph.declare(oneHot, TensorProto.DataType.FLOAT_VALUE, 1, feature.categories().size());
        String flat = graph.node("Flatten", Map.of("axis", 1), oneHot); // [N, 1, C] to [N, C]
        return graph.precision() == Precision.FLOAT32 ? flat
                : graph.node("Cast", Map.of("to", TensorProto.DataType.DOUBLE_VALUE), flat);
    }

    /** Every spelling of the missing marks in upper and lower case: "na", "nA", "Na", "NA", ... */
    static Set<String> markSpellings() {
        Set<String> spellings = new LinkedHashSet<>();
        for (String mark : MissingValues.MARKS) {
            int letters = mark.length();
            for (int mask = 0; mask < 1 << letters; mask++) {
                StringBuilder spelling = new StringBuilder();
                for (int i = 0; i < letters; i++) {
                    String c = mark.substring(i, i + 1);
                    spelling.append((mask >> i & 1) == 1 ? c.toUpperCase(Locale.ROOT) : c);
                }
                spellings.add(spelling.toString());
            }
        }
        return spellings;
    }
}
