/**
 * A user's project as a named module: Backprop's jars are used from the module path under their
 * Automatic-Module-Names, and this module's components and exporter are found by ServiceLoader
 * through {@code provides} (a named module's META-INF/services files are not read).
 */
module com.example.custom {
    requires dev.backprop.core;
    requires dev.backprop.layers;
    requires dev.backprop.optim;
    requires dev.backprop.data;
    requires dev.backprop.onnx;
    // The matrices: EJML's jars carry no module name, so the name comes from the file (ejml-core-*.jar).
    requires ejml.core;

    exports com.example.custom;

    provides dev.backprop.core.component.ComponentProvider with com.example.custom.CustomComponents;
    provides dev.backprop.onnx.LayerExporterProvider with com.example.custom.CustomExporters;
}
