package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Fixture;
import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.metrics.BinaryAccuracy;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.metrics.Metric;
import dev.backprop.core.metrics.RegressionAccuracy;
import dev.backprop.core.train.EpochResult;
import dev.backprop.core.train.Evaluation;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import dev.backprop.data.BookDatasets;
import dev.backprop.layers.BinaryCrossEntropy;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Dropout;
import dev.backprop.layers.Initializer;
import dev.backprop.layers.Linear;
import dev.backprop.layers.MeanSquaredError;
import dev.backprop.layers.ReLU;
import dev.backprop.layers.Sigmoid;
import dev.backprop.layers.Softmax;
import dev.backprop.optim.Adam;
import dev.backprop.optim.SGD;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The book's chapters reproduced: each test builds the book's model on the book's data
 * (NumpyRandom(0), drawn in the book's order: data, then each layer's weights), trains it the
 * book's way (full batch, 10 001 epochs, no shuffling) and compares with two references.
 *
 * <p><b>The book's printed numbers</b> come from float32 arithmetic; we compute in double. These
 * runs are chaotic: two correct implementations that round differently part after a few thousand
 * steps, so the book's figures cannot be met exactly. <b>A float64 run of the book's algorithms</b>
 * (book_float64.py, NumPy) shows how far precision alone moves them, and is the tight reference:
 * <ul>
 *   <li>the data loss at epochs 0, 10 and 100 agrees to 1e-6 (relative): the same algorithm,
 *       step for step (by epoch 1000, also in the fixture, the spiral runs have begun to part;
 *       the sine run agrees there to 1e-9);
 *   <li>the learning rate the book prints (epoch 10 000 shows the rate of step 9 999) is exact;
 *   <li>the final figures agree within 0.03 of accuracy and 0.02 of loss: after the runs part,
 *       they wander by about that much, and a change of summation order alone (EJML's products or
 *       OpenBLAS's) moves chapter 10's SGD loss by 0.014 and chapter 15's accuracy by 0.022.
 *       Validation
 *       figures of these overfit models move about twice as much (the book's float32 and the
 *       float64 port differ by 0.03 in accuracy and 0.025 in loss on chapter 14's): within 0.05
 *       of accuracy and 10% of loss;
 *   <li>the book's own figure is asserted where double precision can reach it (chapters 11, 14,
 *       15), within the spread the book's reruns show (chapter 11 prints 0.983, NumPy 1.2x
 *       reruns give 0.967); where it cannot (chapter 10's SGD, chapter 16), the float64 port
 *       lands as far from it as we do, and the comment gives both.
 * </ul>
 *
 * <p>Tagged {@code slow} (about a minute on two cores): {@code mvn verify -DexcludedGroups=slow}
 * skips them; CI runs them.
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT)
class BookChaptersTest {

    private static final int EPOCHS = 10_001;
    /** The epochs of the fixture's early losses that the runs reach together. */
    private static final int[] CHECKPOINTS = {0, 10, 100};
    private static Fixture float64;

    @BeforeAll
    static void load() throws IOException {
        float64 = new Fixture(BookChaptersTest.class, "book_float64.txt");
    }

    private static double reference(String name) {
        return float64.doubles(name)[0];
    }

    private static History train(Model model, InMemoryDataset data) {
        return model.fit(data, FitOptions.builder().epochs(EPOCHS).fullBatch().shuffle(false).logEveryEpochs(2500).build());
    }

    private static Model model(Layer network, Loss loss, Optimizer optimizer, Metric metric) {
        return Model.builder(network).loss(loss).optimizer(optimizer).metric(metric).build();
    }

    /** Dense(2, 64)-ReLU-[Dropout]-Dense(64, 3)-Softmax with the book's 0.01·randn weights. */
    private static Model spiralModel(NumpyRandom random, Dense.Builder first, Layer middle, Optimizer optimizer) {
        Layer hidden = first.initializer(Initializer.scaledNormal(0.01, random)).build();
        Layer output = new Dense(64, 3, Initializer.scaledNormal(0.01, random));
        Sequential network = middle == null
                ? new Sequential(hidden, new ReLU(), output, new Softmax())
                : new Sequential(hidden, new ReLU(), middle, output, new Softmax());
        return model(network, new CategoricalCrossEntropy(), optimizer, new CategoricalAccuracy());
    }

    /** Compares a run with the float64 port: early losses, the printed rate, final figures. */
    private static EpochResult assertFollowsTheFloat64Port(String chapter, History history) {
        double[] early = float64.doubles(chapter + ".early_data_loss");
        for (int i = 0; i < CHECKPOINTS.length; i++) {
            double actual = history.epochs().get(CHECKPOINTS[i]).dataLoss();
            assertEquals(early[i], actual, 1e-6 * early[i], chapter + " data loss at epoch " + CHECKPOINTS[i]);
        }
        assertEquals(reference(chapter + ".lr"), history.epochs().get(EPOCHS - 2).learningRate(), 0.0, "printed rate");
        return history.last();
    }

    private static void assertFinalFigures(String chapter, EpochResult last, Evaluation validation) {
        assertEquals(reference(chapter + ".accuracy"), last.metrics().get("accuracy"), 0.03, chapter + " accuracy");
        assertEquals(reference(chapter + ".data_loss"), last.dataLoss(), 0.02, chapter + " data loss");
        assertEquals(reference(chapter + ".regularization_loss"), last.regularizationLoss(), 0.01, chapter + " regularization");
        assertEquals(reference(chapter + ".val_accuracy"), validation.metric("accuracy"), 0.05, chapter + " validation accuracy");
        double validationLoss = reference(chapter + ".val_loss");
        assertEquals(validationLoss, validation.loss(), 0.1 * validationLoss, chapter + " validation loss");
    }

    @Test
    void chapter11AdamOnTheSpiral() {
        NumpyRandom random = new NumpyRandom(0);
        InMemoryDataset data = BookDatasets.spiral(100, 3, random);
        Model model = spiralModel(random, Dense.builder(2, 64), null, Adam.builder().learningRate(0.05).decay(5e-7).build());
        assertTrue(model.usesFusedBackward(), "softmax + cross-entropy is fused, as Model.finalize does");
        History history = train(model, data);
        EpochResult last = assertFollowsTheFloat64Port("ch11", history);
        Evaluation validation = model.evaluate(BookDatasets.spiral(100, 3, random));
        assertFinalFigures("ch11", last, validation);
        // The book: acc 0.983 (reruns 0.967), loss 0.074, lr 0.04975126853296942; validation
        // acc 0.803, loss 0.858.
        assertEquals(0.04975126853296942, history.epochs().get(EPOCHS - 2).learningRate(), 0.0);
        assertEquals(0.975, last.metrics().get("accuracy"), 0.02);
        assertEquals(0.074, last.loss(), 0.01);
        assertEquals(0.803, validation.metric("accuracy"), 0.03);
        assertEquals(0.858, validation.loss(), 0.05);
    }

    @Test
    void chapter10SgdWithDecayAndMomentum() {
        NumpyRandom random = new NumpyRandom(0);
        InMemoryDataset data = BookDatasets.spiral(100, 3, random);
        Model model = spiralModel(random, Dense.builder(2, 64), null,
                SGD.builder().learningRate(1.0).decay(1e-3).momentum(0.9).build());
        History history = train(model, data);
        // The book's reruns (float32): acc 0.957, loss 0.121. Float64, the port and we reach
        // acc 0.903, loss 0.229: this run is the most sensitive of all to rounding.
        assertFinalFigures("ch10_sgd", assertFollowsTheFloat64Port("ch10_sgd", history),
                model.evaluate(BookDatasets.spiral(100, 3, random)));
    }

    @Test
    void chapter10AdamWithASmallerRate() {
        NumpyRandom random = new NumpyRandom(0);
        InMemoryDataset data = BookDatasets.spiral(100, 3, random);
        Model model = spiralModel(random, Dense.builder(2, 64), null, Adam.builder().learningRate(0.02).decay(1e-5).build());
        EpochResult last = assertFollowsTheFloat64Port("ch10_adam", train(model, data));
        assertFinalFigures("ch10_adam", last, model.evaluate(BookDatasets.spiral(100, 3, random)));
        // The book's reruns: acc 0.967, loss 0.081.
        assertEquals(0.967, last.metrics().get("accuracy"), 0.02);
        assertEquals(0.081, last.loss(), 0.01);
    }

    @Test
    void chapter14L2Regularization() {
        NumpyRandom random = new NumpyRandom(0);
        InMemoryDataset data = BookDatasets.spiral(100, 3, random);
        Model model = spiralModel(random, Dense.builder(2, 64).weightL2(5e-4).biasL2(5e-4), null,
                Adam.builder().learningRate(0.02).decay(5e-7).build());
        History history = train(model, data);
        EpochResult last = assertFollowsTheFloat64Port("ch14", history);
        Evaluation validation = model.evaluate(BookDatasets.spiral(100, 3, random));
        assertFinalFigures("ch14", last, validation);
        // The book: acc 0.947, loss 0.217 (data 0.157, reg 0.060), lr 0.019900507413187767;
        // validation acc 0.830, loss 0.435.
        assertEquals(0.019900507413187767, history.epochs().get(EPOCHS - 2).learningRate(), 0.0);
        assertEquals(0.947, last.metrics().get("accuracy"), 0.02);
        assertEquals(0.217, last.loss(), 0.01);
        assertEquals(0.157, last.dataLoss(), 0.01);
        assertEquals(0.060, last.regularizationLoss(), 0.005);
        assertEquals(0.830, validation.metric("accuracy"), 0.05);
        assertEquals(0.435, validation.loss(), 0.1 * 0.435 + 0.025);
    }

    @Test
    void chapter15Dropout() {
        NumpyRandom random = new NumpyRandom(0);
        InMemoryDataset data = BookDatasets.spiral(1000, 3, random);
        Model model = spiralModel(random, Dense.builder(2, 64).weightL2(5e-4).biasL2(5e-4), new Dropout(0.1),
                Adam.builder().learningRate(0.05).decay(5e-5).build());
        History history = train(model, data);
        EpochResult last = assertFollowsTheFloat64Port("ch15", history);
        Evaluation validation = model.evaluate(BookDatasets.spiral(100, 3, random));
        assertFinalFigures("ch15", last, validation);
        // The book: acc 0.688 with dropout on (reruns 0.694), loss 0.727, lr 0.03333444448148271;
        // validation acc 0.757, loss 0.712. Its masks come from NumPy's binomial on the global
        // stream, ours (and the port's) from Dropout's own stream, and its validation spiral is
        // drawn after those masks: close, not equal.
        assertEquals(0.03333444448148271, history.epochs().get(EPOCHS - 2).learningRate(), 0.0);
        assertEquals(0.69, last.metrics().get("accuracy"), 0.03);
        assertEquals(0.727, last.loss(), 0.04);
        assertEquals(0.757, validation.metric("accuracy"), 0.06);
        assertEquals(0.712, validation.loss(), 0.05);
    }

    @Test
    void chapter16BinaryLogisticRegression() {
        NumpyRandom random = new NumpyRandom(0);
        InMemoryDataset data = BookDatasets.spiral(100, 2, random);
        Model model = model(new Sequential(
                        Dense.builder(2, 64).weightL2(5e-4).biasL2(5e-4)
                                .initializer(Initializer.scaledNormal(0.01, random)).build(),
                        new ReLU(),
                        new Dense(64, 1, Initializer.scaledNormal(0.01, random)),
                        new Sigmoid()),
                new BinaryCrossEntropy(), Adam.builder().decay(5e-7).build(), new BinaryAccuracy());
        History history = train(model, data);
        EpochResult last = assertFollowsTheFloat64Port("ch16", history);
        assertFinalFigures("ch16", last, model.evaluate(BookDatasets.spiral(100, 2, random)));
        // The book: acc 0.965, loss 0.219 (data 0.156, reg 0.063), lr 0.0009950253706593885
        // (reruns 0.945, 0.260); validation 0.945, 0.207. Float64, the port and we reach acc
        // 0.910, loss 0.297; validation 0.855, 0.317.
        assertEquals(0.0009950253706593885, history.epochs().get(EPOCHS - 2).learningRate(), 0.0);
    }

    @Test
    void chapter17SineRegression() {
        NumpyRandom random = new NumpyRandom(0);
        InMemoryDataset data = BookDatasets.sine(1000);
        Model model = model(new Sequential(
                        new Dense(1, 64, Initializer.scaledNormal(0.1, random)),
                        new ReLU(),
                        new Dense(64, 64, Initializer.scaledNormal(0.1, random)),
                        new ReLU(),
                        new Dense(64, 1, Initializer.scaledNormal(0.1, random)),
                        new Linear()),
                new MeanSquaredError(), Adam.builder().learningRate(0.005).decay(1e-3).build(),
                RegressionAccuracy.forTargets(data.targets()));
        History history = train(model, data);
        assertFollowsTheFloat64Port("ch17", history);
        // The book's reruns: regression accuracy 0.981, test MSE about 1.3e-6; the port: 0.983.
        // At losses near 1e-6 Adam's steps no longer shrink with the gradient, and the loss
        // spikes now and then for a few dozen epochs (the port around epoch 8 000, this run
        // around epoch 9 990, where accuracy dips to 0.35 and recovers). So the accuracy is
        // judged over the last thousand epochs, and the error at the end.
        double[] accuracy = history.series("accuracy");
        int above = 0;
        for (int epoch = EPOCHS - 1000; epoch < EPOCHS; epoch++) {
            above += accuracy[epoch] > 0.95 ? 1 : 0;
        }
        assertTrue(above >= 850, above + " of the last 1000 epochs above 0.95");
        double best = 0;
        for (double a : accuracy) {
            best = Math.max(best, a);
        }
        assertEquals(reference("ch17.accuracy"), best, 0.01, "best accuracy");
        Evaluation test = model.evaluate(BookDatasets.sine(1000));
        assertTrue(test.loss() < 1e-4, "test mse " + test.loss());
    }
}
