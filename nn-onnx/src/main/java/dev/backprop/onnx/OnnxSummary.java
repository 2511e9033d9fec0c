package dev.backprop.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A summary of an ONNX file for people: producer, opsets, each input and output with its type and
 * shape, the operators and how often each is used, the number of constant values, and the metadata.
 */
public final class OnnxSummary {

    private static final int SHOWN_METADATA_CHARACTERS = 100;

    private OnnxSummary() {}

    /**
     * @param file an ONNX file
     * @return its summary, one fact a line
     * @throws OnnxExportException if the file cannot be read or is not an ONNX model
     */
    public static String describe(Path file) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxExportException(file + " is not an ONNX model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OnnxExportException("Could not read " + file + ": " + e.getMessage(), e);
        }
        if (!model.hasGraph()) {
            throw new OnnxExportException(file + " is not an ONNX model: it has no graph");
        }
        GraphProto graph = model.getGraph();
        StringBuilder out = new StringBuilder();
        line(out, "%s: produced by %s %s, IR version %d", file.getFileName(), model.getProducerName(),
                model.getProducerVersion(), model.getIrVersion());
        StringBuilder opsets = new StringBuilder();
        for (OperatorSetIdProto opset : model.getOpsetImportList()) {
            opsets.append(opsets.length() == 0 ? "" : ", ").append(opset.getDomain().isEmpty() ? "ai.onnx"
                    : opset.getDomain()).append(' ').append(opset.getVersion());
        }
        line(out, "opsets: %s", opsets);
        for (ValueInfoProto input : graph.getInputList()) {
            line(out, "input  %-24s %s", input.getName(), type(input));
        }
        for (ValueInfoProto output : graph.getOutputList()) {
            line(out, "output %-24s %s", output.getName(), type(output));
        }
        Map<String, Integer> operators = new TreeMap<>();
        for (NodeProto node : graph.getNodeList()) {
            operators.merge(node.getDomain().isEmpty() ? node.getOpType() : node.getDomain() + "." + node.getOpType(), 1,
                    Integer::sum);
        }
        line(out, "%d nodes: %s", graph.getNodeCount(), operators.toString().replaceAll("[{}]", ""));
        long values = 0;
        for (TensorProto tensor : graph.getInitializerList()) {
            long count = 1;
            for (long dim : tensor.getDimsList()) {
                count *= dim;
            }
            values += count;
        }
        line(out, "%d constants holding %,d values", graph.getInitializerCount(), values);
        for (StringStringEntryProto property : model.getMetadataPropsList()) {
            String value = property.getValue().replaceAll("\\s+", " ");
            line(out, "metadata %s = %s", property.getKey(), value.length() > SHOWN_METADATA_CHARACTERS
                    ? value.substring(0, SHOWN_METADATA_CHARACTERS) + "…" : value);
        }
        return out.toString();
    }

    private static String type(ValueInfoProto value) {
        if (!value.getType().hasTensorType()) {
            return "not a tensor";
        }
        int element = value.getType().getTensorType().getElemType();
        TensorProto.DataType type = TensorProto.DataType.forNumber(element);
        StringBuilder shape = new StringBuilder();
        List<TensorShapeProto.Dimension> dims = value.getType().getTensorType().getShape().getDimList();
        for (TensorShapeProto.Dimension dim : dims) {
            shape.append(shape.length() == 0 ? "" : " × ").append(dim.hasDimValue() ? Long.toString(dim.getDimValue())
                    : dim.getDimParam());
        }
        return (type == null ? "type " + element : type.name().toLowerCase(Locale.ROOT)) + " [" + shape + "]";
    }

    private static void line(StringBuilder out, String format, Object... arguments) {
        out.append(String.format(Locale.ROOT, format, arguments)).append(System.lineSeparator());
    }
}
