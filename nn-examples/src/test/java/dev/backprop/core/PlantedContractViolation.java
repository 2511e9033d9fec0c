package dev.backprop.core;

import dev.backprop.core.train.Model;

/**
 * A wrong import planted for the architecture tests: a class of the contracts package that uses
 * the training loop. It lives in the test sources, which the real check does not read.
 */
public final class PlantedContractViolation {

    private PlantedContractViolation() {}

    /**
     * @param model a model
     * @return its loss
     */
    public static Loss lossOf(Model model) {
        return model.loss();
    }
}
