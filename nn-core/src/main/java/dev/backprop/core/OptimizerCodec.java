package dev.backprop.core;

import java.util.List;

/**
 * A {@link Codec} for a kind of {@link Optimizer}, which also saves the optimizer's state
 * (its step count in the config; momentum and caches as arrays) so that training can resume.
 */
public interface OptimizerCodec extends Codec<Optimizer> {

    /**
     * @param optimizer the optimizer
     * @param parameters the model's parameters, in order
     * @return for each parameter, its state arrays (each of the parameter's size); an empty list
     *     for a parameter the optimizer has not stepped yet
     */
    List<List<double[]>> state(Optimizer optimizer, List<Parameter> parameters);

    /**
     * @param optimizer the optimizer
     * @return the number of state arrays it keeps per parameter
     */
    int slots(Optimizer optimizer);

    /**
     * Puts saved state back.
     *
     * @param optimizer an optimizer made by {@link #create}
     * @param parameters the model's parameters, in order
     * @param state for each parameter, {@link #slots} arrays of its size, or an empty list
     */
    void restore(Optimizer optimizer, List<Parameter> parameters, List<List<double[]>> state);
}
