package dev.backprop.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.ColumnScale;
import dev.backprop.core.FusedLoss;
import dev.backprop.core.Identity;
import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.ScriptedDescent;
import dev.backprop.core.Sequential;
import dev.backprop.core.SumOfSquares;
import dev.backprop.core.data.Batch;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import dev.backprop.core.metrics.BinaryAccuracy;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.metrics.RegressionAccuracy;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ModelTest {

    /** x = 1..n in one column, y = 2x: a one-weight model y = s·x learns s = 2. */
    private static InMemoryDataset line(int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.data[i] = (i + 1) / (double) n;
            y.data[i] = 2 * x.data[i];
        }
        return Dataset.of(x, y);
    }

    private static Model model(Layer network, Optimizer optimizer) {
        return Model.builder(network).loss(new SumOfSquares()).optimizer(optimizer).build();
    }

    @Test
    void theEpochLossAveragesEveryBatchIncludingTheLastPartialOne() {
        List<Integer> steps = new ArrayList<>();
        Model model = model(ColumnScale.plain(0.5), new ScriptedDescent(0, 0));
        History history = model.fit(line(5), FitOptions.builder().epochs(2).batchSize(2).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int step, double loss, Model m) {
                steps.add(step);
            }
        }).build());
        assertEquals(List.of(0, 1, 2, 0, 1, 2), steps, "batches of 2, 2 and 1");
        // Nothing moves (learning rate 0): the epoch loss is the mean over all five samples.
        double expected = 0;
        for (int i = 1; i <= 5; i++) {
            expected += Math.pow(1.5 * i / 5.0, 2);
        }
        assertEquals(expected / 5, history.last().dataLoss(), 1e-15);
        assertEquals(expected / 5, model.evaluate(line(5)).loss(), 1e-15);
    }

    @Test
    void trainingConvergesAndRecordsTheLearningRateOfEachEpochsLastStep() {
        Model model = model(ColumnScale.plain(0.5), new ScriptedDescent(0.5, 0.1));
        History history = model.fit(line(10), FitOptions.builder().epochs(30).fullBatch().shuffle(false).build());
        assertEquals(30, history.size());
        assertEquals(0.5 / (1 + 0.1 * 29), history.last().learningRate(), 1e-15);
        assertEquals(0.5, history.epochs().get(0).learningRate(), 0.0);
        assertTrue(history.last().loss() < 1e-3 * history.epochs().get(0).loss(), "loss falls");
        assertEquals(2.0, model.parameters().get(0).value().get(0, 0), 0.02);
    }

    @Test
    void computeGradientsGivesTheGradientsOfAFitStepWithoutUpdating() {
        // Loss = mean over the batch of (s·x − 2x)² for s = 0.5 and x = 1/3, 2/3, 1:
        // dLoss/ds = mean of 2·(s − 2)·x² = 2·(−1.5)·(1/9 + 4/9 + 1)/3 = −14/9.
        Model model = model(ColumnScale.plain(0.5), new ScriptedDescent(0.1, 0));
        InMemoryDataset data = line(3);
        Batch batch = data.batches(3, null).next();
        double loss = model.computeGradients(batch.inputs(), batch.targets());
        Parameter scale = model.parameters().get(0);
        assertEquals(-14.0 / 9, scale.grad().get(0, 0), 1e-15);
        assertEquals(2.25 * (1 + 4 + 9) / 27, loss, 1e-15);
        assertEquals(0.5, scale.value().get(0, 0), 0.0, "no update");
        // One fit step of learning rate 0.1 moves s by exactly −0.1·grad.
        model.fit(data, FitOptions.builder().epochs(1).fullBatch().shuffle(false).build());
        assertEquals(0.5 + 0.1 * 14.0 / 9, scale.value().get(0, 0), 1e-15);
    }

    @Test
    void aHistoryCanBeMadeFromEpochsTrainedElsewhere() {
        EpochResult epoch = new EpochResult(0, 0.5, 0.25, java.util.Map.of(), Double.NaN, java.util.Map.of(), 0.1,
                java.time.Duration.ZERO);
        History history = History.of(List.of(epoch));
        assertEquals(1, history.size());
        assertEquals(0.75, history.last().loss(), 0.0);
        assertThrows(NullPointerException.class, () -> History.of(java.util.Arrays.asList(epoch, null)));
    }

    @Test
    void theSameSeedGivesTheSameWeightsBitForBit() {
        double[] first = trainShuffled(7);
        assertArrayEquals(first, trainShuffled(7), 0.0);
        assertFalse(java.util.Arrays.equals(first, trainShuffled(8)), "another seed, another order");
    }

    private static double[] trainShuffled(long seed) {
        Model model = model(new Sequential(ColumnScale.plain(0.5), ColumnScale.plain(1.5)), new ScriptedDescent(0.3, 0));
        model.fit(line(9), FitOptions.builder().epochs(3).batchSize(2).seed(seed).build());
        return new double[] {model.parameters().get(0).value().get(0, 0), model.parameters().get(1).value().get(0, 0)};
    }

    @Test
    void validationIsMeasuredAfterEveryEpochAndRegularizationApart() {
        ColumnScale layer = new ColumnScale(new double[] {0.5}, 0.1, false, 0);
        Model model = model(layer, new ScriptedDescent(0.2, 0));
        InMemoryDataset validation = line(4);
        History history = model.fit(line(6), FitOptions.builder().epochs(3).batchSize(3).validation(validation).build());
        EpochResult last = history.last();
        assertEquals(model.evaluate(validation).loss(), last.validationLoss(), 1e-15);
        assertTrue(last.regularizationLoss() > 0);
        assertEquals(last.dataLoss() + last.regularizationLoss(), last.loss(), 0.0);
        assertEquals(last.validationLoss(), history.series("val_loss")[2], 0.0);
        assertThrows(IllegalArgumentException.class, () -> last.value("precision"));
    }

    @Test
    void validationCanBeMeasuredEveryFewEpochsAndAfterTheLast() {
        Model model = model(ColumnScale.plain(0.5), new ScriptedDescent(0.2, 0));
        EarlyStopping stopping = EarlyStopping.builder().patience(1).build();
        History history = model.fit(line(6), FitOptions.builder().epochs(6).batchSize(3).validation(line(4))
                .validateEvery(4).listener(stopping).build());
        double[] losses = history.series("val_loss");
        // Epochs 0 and 4 (every 4th) and 5 (the last) are measured; the others neither improve nor wait.
        for (int epoch = 0; epoch < 6; epoch++) {
            assertEquals(epoch == 0 || epoch == 4 || epoch == 5, !Double.isNaN(losses[epoch]), "epoch " + epoch);
        }
        assertEquals(-1, stopping.stoppedEpoch(), "five unmeasured epochs are no reason to stop");
        assertEquals(6, history.size());
    }

    @Test
    void aFusedLossReplacesTheLastLayersBackward() {
        ColumnScale last = ColumnScale.plain(1.0);
        int[] fusedCalls = {0};
        FusedLoss fused = new FusedLoss() {
            private final SumOfSquares inner = new SumOfSquares();

            @Override
            public double forward(DMatrixRMaj predictions, DMatrixRMaj targets) {
                return inner.forward(predictions, targets);
            }

            @Override
            public DMatrixRMaj backward() {
                throw new AssertionError("the fused path must be used");
            }

            @Override
            public boolean fusesWith(Layer lastLayer) {
                return lastLayer == last;
            }

            @Override
            public DMatrixRMaj backwardThrough(Layer lastLayer) {
                fusedCalls[0]++;
                return inner.backward();
            }
        };
        Model model = Model.builder(new Sequential(new Sequential(ColumnScale.plain(0.5)), last))
                .loss(fused).optimizer(new ScriptedDescent(0.1, 0)).build();
        assertTrue(model.usesFusedBackward(), "found through the nested Sequential");
        model.fit(line(4), FitOptions.builder().epochs(2).fullBatch().build());
        assertEquals(2, fusedCalls[0]);
    }

    @Test
    void aDivergingLossStopsTrainingNamingTheEpochAndStep() {
        Model model = model(ColumnScale.plain(0.5), ScriptedDescent.scripted(step -> step < 4 ? 1.0 : Double.NaN));
        NonFiniteLossException error = assertThrows(NonFiniteLossException.class,
                () -> model.fit(line(4), FitOptions.builder().epochs(5).batchSize(2).shuffle(false).build()));
        // Step 4 (epoch 2, step 0) writes NaN, so the next forward pass, step 1 of epoch 2, fails.
        assertEquals(2, error.epoch());
        assertEquals(1, error.step());
        assertTrue(error.getMessage().contains("at epoch 2, step 1"), error.getMessage());
    }

    @Test
    void earlyStoppingRestoresTheBestEpochsWeights() {
        // After epoch e the weight is scale[e], so the validation loss follows (scale − 2)².
        double[] scale = {0.0, 1.9, 1.0, 0.5, 0.2, 3.0};
        Model model = model(ColumnScale.plain(0.0), ScriptedDescent.scripted(step -> scale[step]));
        EarlyStopping stopping = EarlyStopping.builder().patience(2).build();
        History history = model.fit(line(4),
                FitOptions.builder().epochs(6).fullBatch().validation(line(4)).listener(stopping).build());
        assertEquals(4, history.size(), "epochs 2 and 3 did not improve on epoch 1");
        assertEquals(3, stopping.stoppedEpoch());
        assertEquals(1, stopping.bestEpoch());
        assertEquals(1.9, model.parameters().get(0).value().get(0, 0), 0.0);
    }

    @Test
    void earlyStoppingOnAccuracyWaitsForAHigherValue() {
        EarlyStopping stopping = EarlyStopping.builder().monitor("accuracy").patience(1).minDelta(0.01).build();
        Model model = Model.builder(ColumnScale.plain(1.0)).loss(new SumOfSquares())
                .optimizer(new ScriptedDescent(0, 0)).metric(new RegressionAccuracy(0.1)).build();
        History history = model.fit(line(4), FitOptions.builder().epochs(5).fullBatch().listener(stopping).build());
        assertEquals(2, history.size(), "the second epoch is no better than the first");
    }

    @Test
    void dropoutIsOnOnlyInsideFit() {
        List<Boolean> seen = new ArrayList<>();
        Layer recorder = new Layer() {
            private boolean training = true;

            @Override
            public DMatrixRMaj forward(DMatrixRMaj input) {
                seen.add(training);
                return input;
            }

            @Override
            public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
                return gradOutput;
            }

            @Override
            public void setTraining(boolean training) {
                this.training = training;
            }
        };
        Model model = model(new Sequential(recorder, ColumnScale.plain(1.0)), new ScriptedDescent(0.1, 0));
        model.predict(new DMatrixRMaj(2, 1));
        model.fit(line(4), FitOptions.builder().epochs(1).fullBatch().validation(line(2)).build());
        model.predict(new DMatrixRMaj(2, 1));
        assertEquals(List.of(false, true, false, false), seen, "predict, train step, validation, predict");
    }

    @Test
    void predictWorksInBatchesAndLeavesTheWeightsAlone() {
        Model model = model(ColumnScale.plain(3.0, -1.0), new ScriptedDescent(0.1, 0));
        DMatrixRMaj inputs = new DMatrixRMaj(2500, 2);
        for (int i = 0; i < inputs.data.length; i++) {
            inputs.data[i] = i;
        }
        DMatrixRMaj out = model.predict(inputs);
        assertEquals(2500, out.numRows);
        assertEquals(3.0 * 4998, out.get(2499, 0), 0.0);
        assertEquals(-4999, out.get(2499, 1), 0.0);
        assertEquals(3.0, model.parameters().get(0).value().get(0, 0), 0.0);
    }

    @Test
    void aStreamOfBatchesTrainsLikeTheDataInMemory() {
        InMemoryDataset data = line(6);
        List<Batch> batches = new ArrayList<>();
        data.batches(2, null).forEachRemaining(b -> batches.add(new Batch(b.inputs().copy(), b.targets().copy())));
        Model streamed = model(ColumnScale.plain(0.5), new ScriptedDescent(0.2, 0));
        Model inMemory = model(ColumnScale.plain(0.5), new ScriptedDescent(0.2, 0));
        History a = streamed.fit(Dataset.ofBatches(batches::iterator), FitOptions.builder().epochs(4).build());
        History b = inMemory.fit(data, FitOptions.builder().epochs(4).batchSize(2).shuffle(false).build());
        assertEquals(b.last().loss(), a.last().loss(), 0.0);
        assertEquals(inMemory.parameters().get(0).value().get(0, 0), streamed.parameters().get(0).value().get(0, 0), 0.0);
    }

    @Test
    void gradientsAreClippedByNormAndByValue() {
        // One weight, gradient 2·(s·x − 2x)·x averaged: far from s = 2 it is large.
        Model byNorm = model(ColumnScale.plain(-50.0), new ScriptedDescent(1.0, 0));
        byNorm.fit(line(4), FitOptions.builder().epochs(1).fullBatch().clipNorm(0.5).build());
        assertEquals(-50.0 + 0.5, byNorm.parameters().get(0).value().get(0, 0), 1e-12);
        Model byValue = model(ColumnScale.plain(-50.0, 60.0), new ScriptedDescent(1.0, 0));
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 1}, {2, 2}});
        byValue.fit(Dataset.of(x, x), FitOptions.builder().epochs(1).fullBatch().clipValue(0.25).build());
        assertArrayEquals(new double[] {-49.75, 59.75}, byValue.parameters().get(0).value().data, 1e-12);
    }

    @Test
    void anExplodingGradientNamesTheEpochStepAndLayer() {
        ColumnScale exploding = new ColumnScale(new double[] {1.0}, 0, false, 0) {
            @Override
            public DMatrixRMaj backward(DMatrixRMaj gradOutput) {
                DMatrixRMaj result = super.backward(gradOutput);
                parameters().get(0).grad().set(0, 0, Double.POSITIVE_INFINITY);
                return result;
            }

            @Override
            public String toString() {
                return "Exploding";
            }
        };
        Model model = model(new Sequential(ColumnScale.plain(1.0), exploding), new ScriptedDescent(0.1, 0));
        NonFiniteGradientException error = assertThrows(NonFiniteGradientException.class,
                () -> model.fit(line(4), FitOptions.builder().epochs(2).batchSize(2).shuffle(false).build()));
        assertEquals(0, error.epoch());
        assertEquals(0, error.step());
        assertEquals("Exploding", error.layer());
        assertTrue(error.getMessage().contains("scale (parameter 1) in Exploding"), error.getMessage());
    }

    @Test
    void anInterruptStopsTrainingAtTheEndOfAStep() {
        Model model = model(ColumnScale.plain(0.5), new ScriptedDescent(0.1, 0));
        List<Integer> steps = new ArrayList<>();
        History history = model.fit(line(8), FitOptions.builder().epochs(5).batchSize(2).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int step, double loss, Model m) {
                steps.add(step);
                if (epoch == 1 && step == 1) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build());
        assertTrue(Thread.interrupted(), "the interrupt flag stays set");
        assertEquals(1, history.size(), "epoch 0 completed; epoch 1 stopped after its step 1");
        assertEquals(List.of(0, 1, 2, 3, 0, 1), steps);
    }

    @Test
    void aThrowingListenerLeavesAUsableModel() {
        Model model = model(ColumnScale.plain(0.5), new ScriptedDescent(0.1, 0));
        assertThrows(IllegalStateException.class, () -> model.fit(line(4), FitOptions.builder().epochs(3)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochResult result, Model m) {
                        throw new IllegalStateException("listener failed");
                    }
                }).build()));
        double weight = model.parameters().get(0).value().get(0, 0);
        assertTrue(Double.isFinite(weight) && weight != 0.5, "one epoch of steps kept");
        assertEquals(weight * 0.25, model.predict(new DMatrixRMaj(new double[][] {{0.25}})).get(0, 0), 1e-15);
    }

    @Test
    void misuseIsRejectedClearly() {
        Model noOptimizer = Model.builder(ColumnScale.plain(1.0)).loss(new SumOfSquares()).build();
        assertThrows(IllegalStateException.class, () -> noOptimizer.fit(line(2), FitOptions.builder().build()));
        assertThrows(NullPointerException.class, () -> Model.builder(ColumnScale.plain(1.0)).build());
        assertThrows(IllegalArgumentException.class, () -> Model.builder(ColumnScale.plain(1.0))
                .metric(new CategoricalAccuracy()).metric(new BinaryAccuracy()));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().epochs(0));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().seed(-1));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().logEveryEpochs(-1));
        Model model = model(ColumnScale.plain(1.0), new ScriptedDescent(0.1, 0));
        assertThrows(IllegalStateException.class,
                () -> model.fit(Dataset.ofBatches(List.<Batch>of()::iterator), FitOptions.builder().build()));
        assertNotEquals("", model.toString());
    }

    @Test
    void theInputWidthIsTheFirstParameterisedLayers() {
        Layer identity = new Identity();
        Model scaled = Model.builder(new Sequential(identity, new ColumnScale(new double[] {1, 2, 3}, 0, false, 0)))
                .loss(new SumOfSquares()).build();
        assertEquals(3, scaled.inputWidth(), "a 1 × 3 parameter: 3 features");
        assertEquals(0, Model.builder(new Sequential(identity)).loss(new SumOfSquares()).build().inputWidth(),
                "no parameters: unknown");
    }
}
