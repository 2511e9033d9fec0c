package dev.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.component.ComponentType;
import dev.backprop.core.component.Components;
import dev.backprop.core.component.Config;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Every optimizer describes itself once, and the base class is open to a user's own rule. */
class OptimizerTypesTest {

    private final Components registry = Components.registered();

    @Test
    void everyOptimizerSurvivesItsConfig() {
        List<Optimizer> optimizers = List.of(
                SGD.builder().learningRate(0.5).decay(1e-3).momentum(0.9).nesterov(true).build(),
                AdaGrad.builder().learningRate(0.2).epsilon(1e-6).build(),
                RMSProp.builder().learningRate(0.01).rho(0.8).epsilon(1e-8).build(),
                Adam.builder().learningRate(0.05).decay(5e-7).beta1(0.8).beta2(0.99).epsilon(1e-6).build(),
                AdamW.builder().learningRate(0.001).weightDecay(0.05).build());
        assertEquals(List.of("SGD", "AdaGrad", "RMSProp", "Adam", "AdamW"), registry.names(Optimizer.class));
        for (Optimizer optimizer : optimizers) {
            Map<String, Object> described = registry.describe(optimizer);
            Optimizer again = registry.create(Optimizer.class, described, "test");
            assertEquals(optimizer.getClass(), again.getClass());
            assertEquals(described, registry.describe(again));
        }
    }

    @Test
    void missingValuesTakeTheBooksDefaults() {
        Adam adam = (Adam) registry.find(Optimizer.class, "adam").create(new Config("--optimizer adam", Map.of()));
        assertEquals(0.001, adam.learningRate());
        assertEquals(0.9, adam.beta1());
        assertEquals(1e-7, adam.epsilon());
    }

    /** A rule of a user's: w −= lr · sign(dw), with the decay and step count of the base. */
    static final class SignDescent extends GradientDescent {
        static final ComponentType<Optimizer> TYPE = ComponentType.of(Optimizer.class, "SignDescent",
                SignDescent.class, config -> new SignDescent(config.number("learningRate"), config.number("decay", 0)));

        SignDescent(double learningRate, double decay) {
            super(learningRate, decay, 0);
        }

        @Override
        protected void update(double[] value, double[] grad, int size, double rate, double[][] memory) {
            for (int i = 0; i < size; i++) {
                value[i] -= rate * Math.signum(grad[i]);
            }
        }
    }

    @Test
    void aUsersRuleGetsTheDecayAndTheRegistryFromTheBase() {
        Parameter w = new Parameter("w", new DMatrixRMaj(new double[][] {{1, 1}}));
        w.grad().setData(new double[] {0.3, -2});
        SignDescent descent = new SignDescent(0.1, 1.0);
        descent.step(List.of(w));
        descent.step(List.of(w));
        // rates 0.1 / (1 + 0) and 0.1 / (1 + 1)
        assertArrayEquals(new double[] {1 - 0.1 - 0.05, 1 + 0.1 + 0.05}, w.value().data, 1e-15);
        Components mine = new Components(List.of(SignDescent.TYPE));
        SignDescent again = (SignDescent) mine.create(Optimizer.class, mine.describe(descent), "test");
        assertEquals(0.1, again.learningRate());
        assertEquals(1.0, again.decay());
    }

    @Test
    void restoredStateMustFitTheParameter() {
        Adam adam = new Adam(0.01);
        Parameter w = new Parameter("w", new DMatrixRMaj(2, 3));
        assertThrows(IllegalArgumentException.class, () -> adam.restoreState(w, new double[1][6]));
        assertThrows(IllegalArgumentException.class, () -> adam.restoreState(w, new double[2][5]));
        assertThrows(IllegalArgumentException.class, () -> adam.restoreIterations(-1));
        adam.restoreState(w, new double[2][6]);
        assertEquals(2, adam.stateOf(w).length);
    }
}
