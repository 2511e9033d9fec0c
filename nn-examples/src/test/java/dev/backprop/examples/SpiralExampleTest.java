package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.core.train.EpochResult;
import org.junit.jupiter.api.Test;

class SpiralExampleTest {

    @Test
    void theMainExampleTrainsTheBooksModelInAFewEpochs() {
        SpiralExample.Result result = SpiralExample.train(200);
        EpochResult last = result.history().last();
        assertEquals(200, result.history().size());
        // A short run: the loss has left log(3) = 1.0986 far behind.
        assertEquals(0.4, last.loss(), 0.3);
        assertEquals(0.05 / (1 + 5e-7 * 199), last.learningRate(), 0.0);
    }
}
