package dev.backprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.core.ColumnScale;
import dev.backprop.core.Fixture;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.SumOfSquares;
import dev.backprop.core.component.Components;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every schedule against PyTorch's lr_scheduler over 300 steps (torch_schedules.py), to 1e-12. */
class ScheduleReferenceTest {

    private static final double BASE = 0.1;
    private static Fixture torch;

    @BeforeAll
    static void load() throws IOException {
        torch = new Fixture(ScheduleReferenceTest.class, "torch_schedules.txt");
    }

    /** The rates an optimizer with the schedule uses, step by step, as it steps. */
    private static void assertFollows(String name, LearningRateSchedule schedule) {
        double[] expected = torch.doubles(name);
        SGD sgd = SGD.builder().learningRate(BASE).schedule(schedule).build();
        Parameter w = new Parameter("w", new DMatrixRMaj(1, 1));
        for (int step = 0; step < expected.length; step++) {
            assertEquals(expected[step], sgd.currentLearningRate(), 1e-12, name + " at step " + step);
            sgd.step(List.of(w));
        }
        // Saved and restored by name, the schedule goes on the same.
        Components registry = Components.registered();
        SGD again = (SGD) registry.create(dev.backprop.core.Optimizer.class, registry.describe(sgd), "test");
        assertEquals(registry.describe(sgd), registry.describe(again));
    }

    @Test
    void stepExponentialCosineOneCycleAndWarmupFollowPyTorch() {
        assertFollows("step", new Schedules.Step(40, 0.5));
        assertFollows("exponential", new Schedules.Exponential(0.99));
        assertFollows("cosine", new Schedules.Cosine(250, 0.001));
        assertFollows("onecycle", Schedules.OneCycle.of(0.5, 300));
        assertFollows("warmup_cosine", new Schedules.Warmup(50, 0.1, new Schedules.Cosine(250, 0)));
    }

    @Test
    void cosLogRisesAndFallsItsCyclesEachTwiceAsLongAsTheLast() {
        Schedules.CosLog coslog4 = new Schedules.CosLog(1500, 4);
        // log₂(1 + 15t) is a whole number at t = 0, 1/15, 3/15, 7/15, 1: the rate is 0 there, and the
        // base at the half cycles, t = (√2 − 1)/15, ... (log₂ = 0.5).
        for (long step : new long[] {0, 100, 300, 700, 1500, 2000}) {
            assertEquals(0, coslog4.rate(0.04, step), 1e-15, "step " + step);
        }
        double half = 1500 * (Math.sqrt(2) - 1) / 15;
        assertEquals(0.04, coslog4.rate(0.04, Math.round(half)), 1e-5, "the first peak, within a step of it");
        assertEquals(0.04 * (1 - Math.cos(2 * Math.PI * Math.log(1 + 15 * 0.5) / Math.log(2))) / 2,
                coslog4.rate(0.04, 750), 1e-15);
        Components registry = Components.registered();
        assertEquals(coslog4, registry.create(LearningRateSchedule.class, registry.describe(coslog4), "test"));
    }

    @Test
    void historyHoldsTheRateOfEveryStep() {
        Model model = Model.builder(new Sequential(ColumnScale.plain(1, 2))).loss(new SumOfSquares())
                .optimizer(SGD.builder().learningRate(0.01).schedule(new Schedules.Step(3, 0.5)).build()).build();
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 1}, {2, 0}, {0, 3}, {1, 2}});
        History history = model.fit(Dataset.of(x, x.copy()), FitOptions.builder().epochs(4).batchSize(2)
                .shuffle(false).logEveryEpochs(0).build());
        double[] rates = history.stepLearningRates();
        assertEquals(8, rates.length);
        for (int step = 0; step < 8; step++) {
            assertEquals(0.01 * Math.pow(0.5, step / 3), rates[step], 0.0, "step " + step);
        }
        assertEquals(rates[7], history.last().learningRate(), 0.0);
    }

    @Test
    void theBooksDecayIsTheInverseTimeSchedule() {
        Adam book = Adam.builder().learningRate(0.05).decay(5e-7).build();
        Adam scheduled = Adam.builder().learningRate(0.05).schedule(Schedules.inverseTime(5e-7)).build();
        Parameter w = new Parameter("w", new DMatrixRMaj(1, 1));
        for (int step = 0; step < 100; step++) {
            assertEquals(book.currentLearningRate(), scheduled.currentLearningRate(), 0.0);
            book.step(List.of(w));
            scheduled.step(List.of(w));
        }
        assertEquals(0.05 / (1 + 5e-7 * 100), book.currentLearningRate(), 0.0);
    }

    @Test
    void reduceOnPlateauFollowsPyTorchAndResumesFromItsConfig() {
        double[] losses = torch.doubles("plateau.losses");
        double[] expected = torch.doubles("plateau");
        ReduceOnPlateau plateau = new ReduceOnPlateau("val_loss", 0.5, 3, 1e-4, 1, 0);
        Components registry = Components.registered();
        for (int epoch = 0; epoch < losses.length; epoch++) {
            plateau.record(losses[epoch]);
            assertEquals(expected[epoch], plateau.rate(BASE, 0), 1e-12, "epoch " + epoch);
            if (epoch == 17) {
                // A checkpoint here: the restored schedule continues the same.
                Map<String, Object> saved = registry.describe(plateau);
                plateau = (ReduceOnPlateau) registry.create(LearningRateSchedule.class, saved, "checkpoint");
            }
        }
    }
}
