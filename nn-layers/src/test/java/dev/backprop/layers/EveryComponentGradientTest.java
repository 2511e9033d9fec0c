package dev.backprop.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.GradientCheck;
import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Sequential;
import java.io.File;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer, activation and loss of this module against central differences, by one
 * parameterised test; a second test lists the module's classes so a new one cannot skip it.
 */
class EveryComponentGradientTest {

    /** Built-in layers and losses: Dense, Dropout, BatchNorm, LayerNorm, six activations and six losses. */
    private static final int COMPONENTS = 20;

    record Case(String name, Supplier<Layer> layer, Supplier<Loss> loss, DMatrixRMaj input, DMatrixRMaj targets) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        DMatrixRMaj x = uniform(5, 3, -2, 2, 1);
        cases.add(layer("Dense", () -> new Dense(3, 4), x));
        cases.add(layer("Dense with L1 and L2 on weights and biases", EveryComponentGradientTest::regularizedDense, x));
        cases.add(layer("Dense with the book's initialisation",
                () -> new Dense(3, 2, Initializer.scaledNormal(0.01, new NumpyRandom(0))), x));
        cases.add(layer("ReLU", ReLU::new, x));
        cases.add(layer("LeakyReLU", () -> new LeakyReLU(0.1), x));
        cases.add(layer("Sigmoid", Sigmoid::new, x));
        cases.add(layer("Tanh", Tanh::new, x));
        cases.add(layer("SELU", SELU::new, x));
        cases.add(layer("RangeClip while training: the identity", () -> new RangeClip(-0.5, 0.5), x));
        cases.add(layer("FeatureScale, scales moved off 1", () -> {
            FeatureScale scale = new FeatureScale(3);
            scale.scale().value().setData(new double[] {0.5, -1.5, 2});
            return scale;
        }, x));
        cases.add(layer("Mish", Mish::new, x));
        cases.add(layer("Softmax", Softmax::new, x));
        cases.add(layer("Linear", Linear::new, x));
        cases.add(layer("BatchNorm while training", () -> shifted(new BatchNorm(3)), x));
        cases.add(layer("BatchNorm at inference, after a training batch", () -> {
            BatchNorm norm = shifted(new BatchNorm(3));
            norm.forward(uniform(6, 3, -1, 3, 12));
            norm.setTraining(false);
            return norm;
        }, x));
        cases.add(layer("BatchNorm without γ and β", () -> BatchNorm.builder(3).affine(false).momentum(0.5).build(), x));
        cases.add(layer("LayerNorm", () -> shifted(new LayerNorm(3)), x));
        cases.add(layer("Dropout while training", () -> new Dropout(0.3, 7), x));
        cases.add(layer("Dropout at inference", () -> {
            Dropout dropout = new Dropout(0.3, 7);
            dropout.setTraining(false);
            return dropout;
        }, x));

        DMatrixRMaj probabilities = uniform(4, 3, 0.05, 0.95, 2);
        DMatrixRMaj indices = new DMatrixRMaj(new double[][] {{0}, {2}, {1}, {2}});
        DMatrixRMaj oneHot = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}, {0, 0, 1}});
        DMatrixRMaj binary = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 1}, {1, 1, 0}, {0, 0, 1}});
        DMatrixRMaj logits = uniform(4, 3, -3, 3, 3);
        DMatrixRMaj values = uniform(4, 3, -1, 1, 4);
        cases.add(withLoss("CategoricalCrossEntropy, class indices", Linear::new, CategoricalCrossEntropy::new,
                probabilities, indices));
        cases.add(withLoss("CategoricalCrossEntropy with class weights", Linear::new,
                () -> new CategoricalCrossEntropy(2, 0.5, 1.5), probabilities, indices));
        cases.add(withLoss("CategoricalCrossEntropy, one-hot", Linear::new, CategoricalCrossEntropy::new,
                probabilities, oneHot));
        cases.add(withLoss("SoftmaxCrossEntropy, class indices", Linear::new, SoftmaxCrossEntropy::new,
                logits, indices));
        cases.add(withLoss("SoftmaxCrossEntropy, one-hot", Linear::new, SoftmaxCrossEntropy::new, logits, oneHot));
        cases.add(withLoss("BinaryCrossEntropy", Linear::new, BinaryCrossEntropy::new, probabilities, binary));
        cases.add(withLoss("MeanSquaredError", Linear::new, MeanSquaredError::new, values, uniform(4, 3, -1, 1, 5)));
        cases.add(withLoss("MeanAbsoluteError", Linear::new, MeanAbsoluteError::new, values, uniform(4, 3, -1, 1, 6)));
        cases.add(withLoss("HuberLoss, both sides of delta", Linear::new, () -> new HuberLoss(0.5), values,
                uniform(4, 3, -1, 1, 7)));

        cases.add(withLoss("Dense-ReLU-Dense-Softmax with CategoricalCrossEntropy",
                () -> new Sequential(new Dense(3, 6), new ReLU(), new Dense(6, 3), new Softmax()),
                CategoricalCrossEntropy::new, uniform(4, 3, -1, 1, 8), indices));
        cases.add(withLoss("Dense-SELU-Dense-Mish-Dense-Softmax with label-smoothed CategoricalCrossEntropy",
                () -> new Sequential(new Dense(3, 6), new SELU(), new Dense(6, 5), new Mish(), new Dense(5, 3),
                        new Softmax()), () -> CategoricalCrossEntropy.withLabelSmoothing(0.1), uniform(4, 3, -1, 1, 10),
                indices));
        cases.add(withLoss("Dense-Tanh-Dropout-Dense-Sigmoid with BinaryCrossEntropy",
                () -> new Sequential(regularizedDense(), new Tanh(), new Dropout(0.2, 3), new Dense(4, 3), new Sigmoid()),
                BinaryCrossEntropy::new, uniform(4, 3, -1, 1, 9), binary));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardAgreesWithCentralDifferences(Case c) {
        Layer layer = c.layer().get();
        GradientCheck.Result result = c.loss() == null
                ? GradientCheck.check(layer, c.input(), 11)
                : GradientCheck.check(layer, c.loss().get(), c.input(), c.targets());
        assertTrue(result.maxRelativeError() < 1e-7, c.name() + ": " + result);
    }

    @Test
    void everyLayerAndLossOfTheModuleIsChecked() throws Exception {
        Set<String> covered = new TreeSet<>();
        cases().forEach(c -> {
            collect(c.layer().get(), covered);
            if (c.loss() != null) {
                covered.add(c.loss().get().getClass().getSimpleName());
            }
        });
        Set<String> components = publicComponents();
        assertEquals(COMPONENTS, components.size(), "components found: " + components);
        covered.retainAll(components);
        assertEquals(components, covered, "a layer or loss without a gradient check case");
    }

    @Test
    void theBooksMeanAbsoluteErrorGradientIsCaught() {
        // The book's backward, sign(y − ŷ), has the sign the wrong way round.
        Loss booksMae = new Loss() {
            private final MeanAbsoluteError mae = new MeanAbsoluteError();

            @Override
            public double forward(DMatrixRMaj predictions, DMatrixRMaj targets) {
                return mae.forward(predictions, targets);
            }

            @Override
            public DMatrixRMaj backward() {
                DMatrixRMaj gradient = mae.backward().copy();
                gradient.data = java.util.Arrays.stream(gradient.data).map(g -> -g).toArray();
                return gradient;
            }
        };
        double error = GradientCheck.maxRelativeError(new Linear(), booksMae, uniform(4, 3, -1, 1, 4),
                uniform(4, 3, -1, 1, 6));
        assertEquals(1.0, error, 1e-9);
    }

    @Test
    void aBackwardThatIgnoresTheReLUKinkIsCaught() {
        Layer leaky = new Layer() {
            private final ReLU relu = new ReLU();

            @Override
            public DMatrixRMaj forward(DMatrixRMaj input) {
                return relu.forward(input);
            }

            @Override
            public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
                return gradOutput;
            }
        };
        assertTrue(GradientCheck.maxRelativeError(leaky, uniform(5, 3, -2, 2, 1), 11) > 0.99);
    }

    /** A normalisation layer with γ and β away from 1 and 0, so that their gradients show. */
    private static <L extends Layer> L shifted(L layer) {
        NumpyRandom random = new NumpyRandom(13);
        for (dev.backprop.core.Parameter parameter : layer.parameters()) {
            for (int i = 0; i < parameter.value().data.length; i++) {
                parameter.value().data[i] = random.uniform(0.5, 1.5);
            }
        }
        return layer;
    }

    private static Dense regularizedDense() {
        Dense dense = Dense.builder(3, 4)
                .initializer(Initializer.scaledNormal(0.5, new NumpyRandom(3)))
                .weightL1(0.01).weightL2(0.02).biasL1(0.03).biasL2(0.04)
                .build();
        // Biases start at 0, the kink of |b|; move them off it.
        NumpyRandom random = new NumpyRandom(4);
        for (int j = 0; j < 4; j++) {
            dense.biases().value().data[j] = random.uniform(-1, 1);
        }
        return dense;
    }

    private static void collect(Layer layer, Set<String> names) {
        if (layer instanceof Sequential sequential) {
            sequential.layers().forEach(inner -> collect(inner, names));
        } else {
            names.add(layer.getClass().getSimpleName());
        }
    }

    static Set<String> publicComponents() throws URISyntaxException, ClassNotFoundException {
        File root = new File(Dense.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        File folder = new File(root, Dense.class.getPackageName().replace('.', File.separatorChar));
        Set<String> names = new TreeSet<>();
        for (String file : folder.list()) {
            if (!file.endsWith(".class") || file.contains("$")) {
                continue;
            }
            Class<?> type = Class.forName("dev.backprop.layers." + file.substring(0, file.length() - 6));
            boolean component = Layer.class.isAssignableFrom(type) || Loss.class.isAssignableFrom(type);
            if (component && Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers())) {
                names.add(type.getSimpleName());
            }
        }
        return names;
    }

    private static Case layer(String name, Supplier<Layer> layer, DMatrixRMaj input) {
        return new Case(name, layer, null, input, null);
    }

    private static Case withLoss(String name, Supplier<Layer> layer, Supplier<Loss> loss, DMatrixRMaj input,
            DMatrixRMaj targets) {
        return new Case(name, layer, loss, input, targets);
    }

    static DMatrixRMaj uniform(int rows, int cols, double low, double high, long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        DMatrixRMaj matrix = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < matrix.data.length; i++) {
            matrix.data[i] = random.uniform(low, high);
        }
        return matrix;
    }
}
