package dev.backprop.core;

/**
 * An optimizer whose state can be saved and put back, so that training resumes exactly where it
 * stopped: its step count and, per {@link Parameter}, a fixed number of arrays of the parameter's
 * size (momentum, running averages). Model files and checkpoints save it.
 */
public interface StatefulOptimizer extends Optimizer {

    /** @return the number of steps taken so far */
    long iterations();

    /**
     * Puts back the number of steps taken.
     *
     * @param steps the saved step count, at least 0
     */
    void restoreIterations(long steps);

    /** @return the number of state arrays kept per parameter */
    int slots();

    /**
     * @param parameter a parameter this optimizer steps
     * @return its state arrays, or null before its first step; the arrays are the optimizer's own
     */
    double[][] stateOf(Parameter parameter);

    /**
     * Puts back a parameter's saved state.
     *
     * @param parameter the parameter
     * @param state {@link #slots()} arrays of the parameter's size
     */
    void restoreState(Parameter parameter, double[][] state);
}
