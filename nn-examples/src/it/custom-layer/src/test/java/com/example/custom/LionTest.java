package com.example.custom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.Parameter;
import dev.backprop.core.Sequential;
import dev.backprop.core.data.Dataset;
import dev.backprop.core.io.ModelFile;
import dev.backprop.core.train.FitOptions;
import dev.backprop.core.train.History;
import dev.backprop.core.train.Model;
import dev.backprop.layers.Dense;
import dev.backprop.layers.Initializer;
import dev.backprop.layers.MeanSquaredError;
import dev.backprop.layers.Tanh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LionTest {

    @Test
    void oneStepByHand() {
        Parameter w = new Parameter("w", new DMatrixRMaj(new double[][] {{1.0, -2.0}}));
        w.grad().setData(new double[] {0.5, -0.25});
        Lion lion = new Lion(0.1, 0.9, 0.99, 0.01);
        lion.step(List.of(w));
        // c = 0.1·dw: signs (+, −); w −= 0.1·(sign(c) + 0.01·w)
        assertEquals(1.0 - 0.1 * (1 + 0.01 * 1.0), w.value().get(0, 0), 1e-15);
        assertEquals(-2.0 - 0.1 * (-1 + 0.01 * -2.0), w.value().get(0, 1), 1e-15);
        assertArrayEquals(new double[] {0.01 * 0.5, 0.01 * -0.25}, lion.stateOf(w)[0], 1e-15);
    }

    @Test
    void trainsSavesAndResumesThroughTheRegistry() throws Exception {
        NumpyRandom random = new NumpyRandom(3);
        DMatrixRMaj x = new DMatrixRMaj(128, 1);
        DMatrixRMaj y = new DMatrixRMaj(128, 1);
        for (int i = 0; i < 128; i++) {
            x.data[i] = random.uniform(-1, 1);
            y.data[i] = Math.cos(3 * x.data[i]);
        }
        Model model = Model.builder(new Sequential(new Dense(1, 16, Initializer.heNormal(random)), new Tanh(),
                        new Dense(16, 1, Initializer.heNormal(random))))
                .loss(new MeanSquaredError()).optimizer(new Lion(0.01, 0.9, 0.99, 0)).build();
        double before = model.evaluate(Dataset.of(x, y)).loss();
        FitOptions options = FitOptions.builder().epochs(150).batchSize(32).logEveryEpochs(0).build();
        History history = model.fit(Dataset.of(x, y), options);
        assertTrue(history.last().loss() < 0.05 * before, "Lion learns: " + before + " -> " + history.last().loss());

        Path file = Files.createTempDirectory("lion").resolve("model.bpz");
        ModelFile.save(model, file);
        Model loaded = ModelFile.load(file);
        Lion again = assertInstanceOf(Lion.class, loaded.optimizer());
        assertEquals(((Lion) model.optimizer()).config(), again.config());
        assertEquals(((Lion) model.optimizer()).iterations(), again.iterations());

        FitOptions more = FitOptions.builder().epochs(2).batchSize(32).seed(7).logEveryEpochs(0).build();
        model.fit(Dataset.of(x, y), more);
        loaded.fit(Dataset.of(x, y), more);
        for (int p = 0; p < model.parameters().size(); p++) {
            assertArrayEquals(model.parameters().get(p).value().data, loaded.parameters().get(p).value().data, 0.0,
                    "the saved momentum resumes the same run");
        }
    }
}
