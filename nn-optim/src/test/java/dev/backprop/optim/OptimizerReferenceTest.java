package dev.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.core.Fixture;
import dev.backprop.core.Parameter;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ten steps of every optimizer against PyTorch in float64 on the same weights and gradients
 * (torch_optimizers.py writes the fixture).
 */
class OptimizerReferenceTest {

    private static final int STEPS = 10;
    private static Fixture torch;

    @BeforeAll
    static void load() throws IOException {
        torch = new Fixture(OptimizerReferenceTest.class, "torch_optimizers.txt");
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                case_("sgd", () -> new SGD(0.1)),
                case_("sgd_decay", () -> SGD.builder().learningRate(0.1).decay(0.1).build()),
                case_("sgd_momentum", () -> SGD.builder().learningRate(0.1).momentum(0.9).build()),
                case_("sgd_nesterov", () -> SGD.builder().learningRate(0.1).momentum(0.9).nesterov(true).build()),
                case_("adagrad_decay", () -> AdaGrad.builder().learningRate(0.5).decay(0.01).build()),
                case_("rmsprop", () -> RMSProp.builder().learningRate(0.01).rho(0.9).build()),
                case_("rmsprop_rho999_decay", () -> RMSProp.builder().learningRate(0.02).rho(0.999).decay(1e-2).build()),
                case_("adam", () -> new Adam(0.02)),
                case_("adam_decay", () -> Adam.builder().learningRate(0.05).beta1(0.8).beta2(0.99).decay(0.05).build()),
                case_("adamw", () -> AdamW.builder().learningRate(0.01).weightDecay(0.05).decay(0.02).build()));
    }

    private static Arguments case_(String name, Supplier<GradientDescent> optimizer) {
        return Arguments.of(name, optimizer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void matchesPyTorchStepByStep(String name, Supplier<GradientDescent> make) {
        Parameter w = new Parameter("w", new DMatrixRMaj(3, 4, true, torch.doubles("initial.w")));
        Parameter b = new Parameter("b", new DMatrixRMaj(1, 4, true, torch.doubles("initial.b")));
        GradientDescent optimizer = make.get();
        for (int t = 0; t < STEPS; t++) {
            System.arraycopy(torch.doubles("grad" + t + ".w"), 0, w.grad().data, 0, 12);
            System.arraycopy(torch.doubles("grad" + t + ".b"), 0, b.grad().data, 0, 4);
            optimizer.step(List.of(w, b));
            if (t == 0) {
                assertClose(name + ".step1.w", w);
                assertClose(name + ".step1.b", b);
            }
        }
        assertClose(name + ".final.w", w);
        assertClose(name + ".final.b", b);
        assertEquals(STEPS, optimizer.iterations());
    }

    private static void assertClose(String row, Parameter parameter) {
        double[] expected = torch.doubles(row);
        for (int i = 0; i < expected.length; i++) {
            // Float64 on both sides; PyTorch orders a few operations differently (Adam divides by
            // √(1 − β2^t) after the root), which costs a few ulps over ten steps.
            assertEquals(expected[i], parameter.value().data[i], 1e-13 * Math.max(1, Math.abs(expected[i])),
                    row + "[" + i + "]");
        }
    }
}
