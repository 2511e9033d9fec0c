package com.example.custom;

import dev.backprop.onnx.LayerExporter;
import dev.backprop.onnx.LayerExporterProvider;
import java.util.List;
import java.util.Map;

/** How this project's layer becomes ONNX nodes: y = a ⊙ x + c is a Mul and an Add. */
public final class CustomExporters implements LayerExporterProvider {

    @Override
    public List<LayerExporter<?>> exporters() {
        return List.of(LayerExporter.of(ScaleShift.class, (layer, graph, input) -> {
            String scale = graph.vector("scale", layer.parameters().get(0).value().data);
            String shift = graph.vector("shift", layer.parameters().get(1).value().data);
            return graph.node("Add", Map.of(), graph.node("Mul", Map.of(), input, scale), shift);
        }));
    }
}
