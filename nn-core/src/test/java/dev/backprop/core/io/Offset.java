package dev.backprop.core.io;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.Parameter;
import dev.backprop.core.SumOfSquares;
import dev.backprop.core.component.ComponentProvider;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Configurable;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/** A test layer {@code y = x + b}, registered (with the test loss) so that nn-core's tests save and load models. */
public final class Offset implements Layer, Configurable {

    public static final ComponentType<Layer> TYPE = ComponentType.of(Layer.class, "TestOffset", Offset.class,
            config -> new Offset((int) config.integer("width", 1, 1 << 20)))
            .withParameterShapes(config -> List.of(new int[] {1, (int) config.integer("width", 1, 1 << 20)}));

    /** The test types of nn-core, found by ServiceLoader in the test class path. */
    public static final class Types implements ComponentProvider {
        @Override
        public List<ComponentType<?>> types() {
            return List.of(TYPE, dev.backprop.core.NoisyScale.TYPE, ComponentType.of(Loss.class, "TestSumOfSquares", SumOfSquares.class,
                    config -> new SumOfSquares()));
        }
    }

    private final Parameter bias;
    private DMatrixRMaj output;

    public Offset(int width) {
        this.bias = new Parameter("bias", new DMatrixRMaj(1, width));
    }

    public DMatrixRMaj bias() {
        return bias.value();
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj input) {
        output = new DMatrixRMaj(input.numRows, input.numCols);
        for (int i = 0; i < input.getNumElements(); i++) {
            output.data[i] = input.data[i] + bias.value().data[i % input.numCols];
        }
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
        bias.grad().zero();
        for (int i = 0; i < gradOutput.getNumElements(); i++) {
            bias.grad().data[i % gradOutput.numCols] += gradOutput.data[i];
        }
        return gradOutput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(bias);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("width", bias.value().numCols);
    }
}
