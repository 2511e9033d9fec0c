package dev.backprop.onnx;

import dev.backprop.core.Layer;
import java.util.Objects;

/**
 * How one kind of layer becomes ONNX nodes. A module with its own layers registers exporters for
 * them with a {@link LayerExporterProvider}, as it registers the layers themselves with a
 * {@code ComponentProvider}:
 *
 * <pre>{@code
 * public final class MyExporters implements LayerExporterProvider {
 *     public List<LayerExporter<?>> exporters() {
 *         return List.of(LayerExporter.of(Swish.class, (layer, graph, input) ->
 *                 graph.node("Mul", Map.of(), input, graph.node("Sigmoid", Map.of(), input))));
 *     }
 * }
 * // and the class's name in META-INF/services/dev.backprop.onnx.LayerExporterProvider
 * }</pre>
 *
 * @param <L> the layer's class
 */
public interface LayerExporter<L extends Layer> {

    /** @return the class of the layers this exporter writes (exactly that class, or a subclass) */
    Class<L> layerClass();

    /**
     * Adds the layer's nodes to the graph.
     *
     * @param layer the layer, with its trained parameters; in inference mode
     * @param graph the graph being written
     * @param input the name of the layer's input, a batch: rows × the layer's inputs
     * @return the name of the layer's output, which must equal the layer's {@code forward} in inference
     *     mode; the input itself for a layer that does nothing at inference
     * @throws OnnxExportException if this layer's settings cannot be written
     */
    String export(L layer, OnnxGraph graph, String input);

    /** The function that writes a layer: the body of {@link #export}. */
    @FunctionalInterface
    interface Emitter<L> {
        /**
         * @param layer the layer
         * @param graph the graph being written
         * @param input the name of the layer's input
         * @return the name of the layer's output
         */
        String emit(L layer, OnnxGraph graph, String input);
    }

    /**
     * @param layerClass the layers' class
     * @param emitter writes one layer
     * @param <L> the layers' class
     * @return an exporter for that class
     */
    static <L extends Layer> LayerExporter<L> of(Class<L> layerClass, Emitter<L> emitter) {
        Objects.requireNonNull(layerClass, "layerClass");
        Objects.requireNonNull(emitter, "emitter");
        return new LayerExporter<>() {
            @Override
            public Class<L> layerClass() {
                return layerClass;
            }

            @Override
            public String export(L layer, OnnxGraph graph, String input) {
                return emitter.emit(layer, graph, input);
            }

            @Override
            public String toString() {
                return "LayerExporter[" + layerClass.getName() + "]";
            }
        };
    }
}
