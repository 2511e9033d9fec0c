package dev.backprop.onnx;

import java.util.List;

/**
 * A module's {@link LayerExporter}s, found with {@link java.util.ServiceLoader}: a provider class
 * (public, with a public no-argument constructor) named in
 * {@code META-INF/services/dev.backprop.onnx.LayerExporterProvider}. Backprop's own layers are
 * registered so, by {@link BuiltInExporters}.
 */
public interface LayerExporterProvider {

    /** @return the exporters this module contributes */
    List<LayerExporter<?>> exporters();
}
