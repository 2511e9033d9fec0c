package dev.backprop.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.backprop.core.linalg.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * The ONNX graph an export is writing, as a {@link LayerExporter} sees it: it adds constants
 * (initializers, in the graph's floating-point precision) and nodes, and gets back the names of
 * the values they produce. Names are made unique here; an exporter passes a readable hint.
 *
 * <pre>{@code
 * String scaled = graph.node("Mul", Map.of(), input, graph.scalar("scale", 2.0));
 * }</pre>
 *
 * <p>No protobuf type shows through: exporters depend on this class and on operator names from
 * the <a href="https://onnx.ai/onnx/operators/">ONNX operator list</a> only.
 */
public final class OnnxGraph {

    /** The domain of ONNX's default operators. */
    public static final String ONNX_DOMAIN = "";
    /** The domain of ONNX's classical machine-learning operators ({@code OneHotEncoder}, {@code LabelEncoder}). */
    public static final String ML_DOMAIN = "ai.onnx.ml";

    private final Precision precision;
    private final int opset;
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();

    OnnxGraph(String name, Precision precision, int opset) {
        this.precision = precision;
        this.opset = opset;
        graph.setName(name);
    }

    /** @return the precision of the graph's floating-point values (inputs, constants, outputs) */
    public Precision precision() {
        return precision;
    }

    /** @return the version of the default ONNX operator set the graph is written for */
    public int opset() {
        return opset;
    }

    /** @return the ONNX element type of the graph's floating-point tensors (FLOAT or DOUBLE) */
    int floatType() {
        return precision == Precision.FLOAT32 ? TensorProto.DataType.FLOAT_VALUE : TensorProto.DataType.DOUBLE_VALUE;
    }

    /**
     * Reserves a name exactly as given (a graph input or output a caller sees).
     *
     * @throws OnnxExportException if the name is taken already
     */
    String reserve(String name) {
        if (!names.add(name)) {
            throw new OnnxExportException("Two values of the graph would be named '" + name + "'; rename a column");
        }
        return name;
    }

    /**
     * @param hint a readable stem, such as {@code "dense1_weights"}
     * @return a name no value of the graph has yet: the hint, or the hint with a number
     */
    public String name(String hint) {
        String stem = hint.isEmpty() ? "value" : hint;
        String name = stem;
        while (names.contains(name)) {
            name = stem + "_" + counters.merge(stem, 1, Integer::sum);
        }
        names.add(name);
        return name;
    }

    /**
     * A constant matrix, rows × columns, in the graph's precision.
     *
     * @param hint a readable stem for its name
     * @param values the values
     * @return the constant's name
     */
    public String matrix(String hint, DMatrixRMaj values) {
        return floats(hint, values.data, values.numRows * values.numCols, values.numRows, values.numCols);
    }

    /**
     * A constant vector in the graph's precision.
     *
     * @param hint a readable stem for its name
     * @param values the values
     * @return the constant's name
     */
    public String vector(String hint, double[] values) {
        return floats(hint, values, values.length, values.length);
    }

    /**
     * A constant scalar (a tensor of rank 0) in the graph's precision: it broadcasts against any
     * tensor.
     *
     * @param hint a readable stem for its name
     * @param value the value
     * @return the constant's name
     */
    public String scalar(String hint, double value) {
        return floats(hint, new double[] {value}, 1);
    }

    /**
     * A constant vector of 64-bit integers (shapes, axes).
     *
     * @param hint a readable stem for its name
     * @param values the values
     * @return the constant's name
     */
    public String int64s(String hint, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            bytes.putLong(value);
        }
        return initializer(hint, TensorProto.DataType.INT64_VALUE, bytes.array(), values.length);
    }

    private String floats(String hint, double[] values, int count, long... dims) {
        boolean single = precision == Precision.FLOAT32;
        ByteBuffer bytes = ByteBuffer.allocate((single ? 4 : 8) * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            if (single) {
                bytes.putFloat((float) values[i]);
            } else {
                bytes.putDouble(values[i]);
            }
        }
        return initializer(hint, floatType(), bytes.array(), dims);
    }

    private String initializer(String hint, int type, byte[] raw, long... dims) {
        String name = name(hint);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type)
                .setRawData(ByteString.copyFrom(raw));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /**
     * A node of the default domain with one output.
     *
     * @param opType the operator, such as {@code "Gemm"} or {@code "Relu"}
     * @param attributes the operator's attributes: {@code Integer}/{@code Long} (int), {@code Double}/{@code
     *     Float} (float), {@code String}, {@code long[]}, {@code double[]}, {@code List<String>}
     * @param inputs the names of its inputs, in the operator's order
     * @return the name of its output
     */
    public String node(String opType, Map<String, ?> attributes, String... inputs) {
        return node(ONNX_DOMAIN, opType, attributes, inputs);
    }

    /**
     * A node with one output, of any domain.
     *
     * @param domain {@link #ONNX_DOMAIN} or {@link #ML_DOMAIN}
     * @param opType the operator
     * @param attributes its attributes (as in {@link #node(String, Map, String...)})
     * @param inputs the names of its inputs
     * @return the name of its output
     */
    public String node(String domain, String opType, Map<String, ?> attributes, String... inputs) {
        Objects.requireNonNull(opType, "opType");
        String output = name(opType.toLowerCase(java.util.Locale.ROOT));
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setDomain(domain)
                .setName(name("node_" + output)).addOutput(output);
        for (String input : inputs) {
            node.addInput(input);
        }
        attributes.forEach((key, value) -> node.addAttribute(attribute(key, value)));
        graph.addNode(node);
        return output;
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name);
        if (value instanceof Integer || value instanceof Long) {
            attribute.setType(AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            attribute.setType(AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue());
        } else if (value instanceof String string) {
            attribute.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFrom(string, StandardCharsets.UTF_8));
        } else if (value instanceof long[] longs) {
            attribute.setType(AttributeProto.AttributeType.INTS);
            for (long item : longs) {
                attribute.addInts(item);
            }
        } else if (value instanceof double[] doubles) {
            attribute.setType(AttributeProto.AttributeType.FLOATS);
            for (double item : doubles) {
                attribute.addFloats((float) item);
            }
        } else if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            attribute.setType(AttributeProto.AttributeType.STRINGS);
            for (Object item : list) {
                attribute.addStrings(ByteString.copyFrom((String) item, StandardCharsets.UTF_8));
            }
        } else {
            throw new IllegalArgumentException("attribute '" + name + "': no ONNX attribute type for " + value);
        }
        return attribute.build();
    }

    /** Declares a graph input: element type, rows of any number ("N"), the given columns (0: any). */
    void input(String name, int elementType, long... columns) {
        graph.addInput(valueInfo(name, elementType, columns));
    }

    /** Declares a graph output, named as {@link #reserve reserved}. */
    void output(String name, int elementType, long... columns) {
        graph.addOutput(valueInfo(name, elementType, columns));
    }

    /**
     * Declares an inner value's type and shape (N rows, then the given sizes), for checkers whose
     * shape inference does not know an operator's output ({@code OneHotEncoder} in ONNX 1.12).
     */
    void declare(String name, int elementType, long... dims) {
        graph.addValueInfo(valueInfo(name, elementType, dims));
    }

    /** Renames a value to a name a caller sees: an {@code Identity} node. */
    void identity(String from, String to) {
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(name("node_" + to)).addInput(from).addOutput(to));
    }

    private static ValueInfoProto valueInfo(String name, int elementType, long... columns) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long column : columns) {
            shape.addDim(column > 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(column)
                    : TensorShapeProto.Dimension.newBuilder().setDimParam("columns"));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape))).build();
    }

    GraphProto build() {
        return graph.build();
    }
}
