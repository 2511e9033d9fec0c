package dev.backprop.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.Sequential;
import dev.backprop.core.metrics.CategoricalAccuracy;
import dev.backprop.core.train.Model;
import org.junit.jupiter.api.Test;

/** Model.summary() states each layer's output shape and parameters, and the totals, as Keras does. */
class SummaryTest {

    @Test
    void theBooksFashionModelWithBatchNorm() {
        Model model = Model.builder(new Sequential(new Dense(784, 128), new BatchNorm(128), new ReLU(),
                        new Sequential(new Dense(128, 10), new Softmax())))
                .loss(new CategoricalCrossEntropy()).metric(new CategoricalAccuracy()).build();
        String summary = model.summary().replaceAll(" +", " ");
        assertTrue(summary.contains("Dense(784→128) (n, 128) 100,480"), summary);
        assertTrue(summary.contains("BatchNorm(128) (n, 128) 256"), summary);
        assertTrue(summary.contains("Dense(128→10) (n, 10) 1,290"), summary);
        // 100 480 + 256 + 1 290 trainable; 256 running statistics.
        assertTrue(summary.contains("Total parameters: 102,282 (trainable 102,026, non-trainable 256)"), summary);
        assertTrue(summary.contains("Loss: CategoricalCrossEntropy (fused with the last layer)"), summary);
        assertTrue(summary.contains("Optimizer: none"), summary);
    }
}
