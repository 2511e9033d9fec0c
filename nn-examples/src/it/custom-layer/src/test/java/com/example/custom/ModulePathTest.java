package com.example.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.core.Sequential;
import dev.backprop.core.Layer;
import dev.backprop.core.Optimizer;
import dev.backprop.core.component.Components;
import dev.backprop.data.tabular.Preprocessor;
import dev.backprop.layers.Dense;
import dev.backprop.onnx.OnnxExport;
import dev.backprop.optim.Adam;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tests of this project run on the module path, with Backprop's jars under their module names. */
class ModulePathTest {

    @Test
    void backpropsJarsAreModulesWithTheirNames() {
        assertEquals("com.example.custom", ScaleShift.class.getModule().getName());
        assertEquals("dev.backprop.core", Sequential.class.getModule().getName());
        assertEquals("dev.backprop.layers", Dense.class.getModule().getName());
        assertEquals("dev.backprop.optim", Adam.class.getModule().getName());
        assertEquals("dev.backprop.data", Preprocessor.class.getModule().getName());
        assertEquals("dev.backprop.onnx", OnnxExport.class.getModule().getName());
    }

    @Test
    void theLibraryFindsTheProvidersOfEveryModule() {
        // nn-core's registry, an automatic module, loads this module's provider (declared with
        // `provides`) beside those of nn-layers and nn-optim (META-INF/services in their jars).
        Components components = Components.registered();
        assertEquals(com.example.custom.Lion.class, components.type(Optimizer.class, "Lion").javaType());
        Set<String> modules = components.types(Optimizer.class).stream()
                .map(type -> type.javaType().getModule().getName())
                .collect(Collectors.toSet());
        assertEquals(Set.of("com.example.custom", "dev.backprop.optim"), modules);
        assertEquals("dev.backprop.layers", components.type(Layer.class, "Dense").javaType().getModule().getName());
    }
}
