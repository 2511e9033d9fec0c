package dev.backprop.onnx;

import java.util.List;
import java.util.Map;

/** The exporter of {@link Swish}, registered in this module's test resources as a user's module registers its own. */
public final class SwishExporters implements LayerExporterProvider {

    @Override
    public List<LayerExporter<?>> exporters() {
        return List.of(LayerExporter.of(Swish.class, (layer, graph, input) ->
                graph.node("Mul", Map.of(), input, graph.node("Sigmoid", Map.of(), input))));
    }
}
