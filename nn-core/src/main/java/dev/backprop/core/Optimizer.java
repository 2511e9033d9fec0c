package dev.backprop.core;

import java.util.List;

/**
 * Updates parameters from their gradients, one step at a time: {@code w += -lr · dw} and its
 * refinements. An optimizer keeps its state (momentum, caches) per {@link Parameter}.
 */
public interface Optimizer {

    /**
     * Applies one update to every parameter, using the gradients they currently hold.
     *
     * @param parameters the parameters to update, typically {@code model.parameters()}
     */
    void step(List<Parameter> parameters);
}
