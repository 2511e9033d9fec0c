package dev.backprop.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** Runs an exported file in ONNX Runtime for Java: matrices and string columns in, matrices and strings out. */
final class OrtRunner implements AutoCloseable {

    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private final OrtSession session;

    OrtRunner(Path file) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        session = ENVIRONMENT.createSession(file.toString(), options);
    }

    OrtSession session() {
        return session;
    }

    /**
     * @param inputs by name: a DMatrixRMaj (written as the input's float or double type) or a String[]
     *     column (n × 1)
     * @return every output by name: DMatrixRMaj for numbers, String[] for strings
     */
    Map<String, Object> run(Map<String, ?> inputs) throws OrtException {
        Map<String, NodeInfo> info = session.getInputInfo();
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            for (Map.Entry<String, ?> input : inputs.entrySet()) {
                OnnxTensor tensor;
                if (input.getValue() instanceof String[] strings) {
                    tensor = OnnxTensor.createTensor(ENVIRONMENT, strings, new long[] {strings.length, 1});
                } else {
                    DMatrixRMaj values = (DMatrixRMaj) input.getValue();
                    long[] shape = {values.numRows, values.numCols};
                    TensorInfo type = (TensorInfo) info.get(input.getKey()).getInfo();
                    if (type.type == OnnxJavaType.FLOAT) {
                        float[] floats = new float[values.getNumElements()];
                        for (int i = 0; i < floats.length; i++) {
                            floats[i] = (float) values.data[i];
                        }
                        tensor = OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(floats), shape);
                    } else {
                        tensor = OnnxTensor.createTensor(ENVIRONMENT, DoubleBuffer.wrap(values.data, 0,
                                values.getNumElements()), shape);
                    }
                }
                open.add(tensor);
                tensors.put(input.getKey(), tensor);
            }
            Map<String, Object> outputs = new LinkedHashMap<>();
            try (OrtSession.Result result = session.run(tensors)) {
                for (Map.Entry<String, OnnxValue> output : result) {
                    OnnxTensor tensor = (OnnxTensor) output.getValue();
                    TensorInfo type = tensor.getInfo();
                    if (type.type == OnnxJavaType.STRING) {
                        outputs.put(output.getKey(), (String[]) tensor.getValue());
                        continue;
                    }
                    long[] shape = type.getShape();
                    DMatrixRMaj matrix = new DMatrixRMaj((int) shape[0], shape.length > 1 ? (int) shape[1] : 1);
                    if (type.type == OnnxJavaType.FLOAT) {
                        FloatBuffer buffer = tensor.getFloatBuffer();
                        for (int i = 0; i < matrix.data.length; i++) {
                            matrix.data[i] = buffer.get(i);
                        }
                    } else {
                        tensor.getDoubleBuffer().get(matrix.data, 0, matrix.data.length);
                    }
                    outputs.put(output.getKey(), matrix);
                }
            }
            return outputs;
        } finally {
            for (AutoCloseable tensor : open) {
                try {
                    tensor.close();
                } catch (Exception ignored) {
                    // closing a tensor does not fail in practice
                }
            }
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
