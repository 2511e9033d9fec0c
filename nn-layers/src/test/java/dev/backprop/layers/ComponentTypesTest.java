package dev.backprop.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Components;
import dev.backprop.core.component.Config;
import dev.backprop.core.component.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Every layer, activation and loss of the module describes itself once and is made again from that. */
class ComponentTypesTest {

    private final Components registry = Components.registered();

    @Test
    void everyPublicComponentIsRegistered() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (Class<?> kind : List.of(Layer.class, Loss.class)) {
            for (ComponentType<?> type : registry.types(kind)) {
                registered.add(type.javaType().getSimpleName());
            }
        }
        assertEquals(EveryComponentGradientTest.publicComponents(), registered);
    }

    @Test
    void everyComponentOfTheGradientCasesSurvivesItsConfig() {
        EveryComponentGradientTest.cases().forEach(c -> {
            roundTrip(Layer.class, c.layer().get());
            if (c.loss() != null) {
                roundTrip(Loss.class, c.loss().get());
            }
        });
    }

    private <T> void roundTrip(Class<T> kind, T component) {
        if (component instanceof Sequential sequential) {
            sequential.layers().forEach(layer -> roundTrip(Layer.class, layer));
            return;
        }
        Map<String, Object> described = registry.describe(component);
        T again = registry.create(kind, described, "test");
        assertEquals(component.getClass(), again.getClass());
        assertEquals(described, registry.describe(again), component + " describes itself the same after a round trip");
    }

    @Test
    void dropoutKeepsItsMaskStreamThroughItsConfig() {
        Dropout dropout = new Dropout(0.5, 3);
        DMatrixRMaj ones = new DMatrixRMaj(4, 8);
        ones.fill(1);
        dropout.forward(ones);
        Dropout again = (Dropout) registry.create(Layer.class, registry.describe(dropout), "test");
        assertArrayEquals(dropout.forward(ones).copy().data, again.forward(ones).data, 0.0, "the next masks are the same");
    }

    @Test
    void theCommandLineFindsTypesByNamesPeopleType() {
        assertEquals(LeakyReLU.TYPE, registry.find(Layer.class, "leaky-relu"));
        assertEquals(ReLU.TYPE, registry.find(Layer.class, "RELU"));
        assertEquals(InitializerScheme.HE_NORMAL, registry.find(InitializerScheme.class, "he"));
        assertEquals(InitializerScheme.SCALED_NORMAL, registry.find(InitializerScheme.class, "book"));
        ConfigException unknown = assertThrows(ConfigException.class, () -> registry.find(Layer.class, "Conv2D"));
        assertTrue(unknown.getMessage().contains("Dense"), unknown.getMessage());
    }

    @Test
    void initializerSchemesDrawAsTheirInitializers() {
        InitializerScheme book = registry.find(InitializerScheme.class, "book")
                .create(new Config("--init book", Map.of("scale", 0.1)));
        DMatrixRMaj viaScheme = new DMatrixRMaj(3, 2);
        DMatrixRMaj direct = new DMatrixRMaj(3, 2);
        book.from(new NumpyRandom(5)).initialize(viaScheme);
        Initializer.scaledNormal(0.1, new NumpyRandom(5)).initialize(direct);
        assertArrayEquals(direct.data, viaScheme.data, 0.0);
        Config extra = new Config("--init he", Map.of("scale", 0.1));
        registry.find(InitializerScheme.class, "he").create(extra);
        assertEquals(Set.of("scale"), extra.unusedKeys(), "a value the scheme does not read is reported");
    }

    @Test
    void aBadConfigNamesTheComponentAndTheKey() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> Dense.TYPE.create(new Config("file.bpz: Dense", Map.of("inputs", 3, "outputs", -1))));
        assertTrue(error.getMessage().contains("file.bpz: Dense") && error.getMessage().contains("outputs"),
                error.getMessage());
        assertEquals(List.of(3, 4), List.of(Dense.TYPE.parameterShapes(new Config("d", Map.of("inputs", 3,
                "outputs", 4))).get(0)[0], 4));
    }
}
