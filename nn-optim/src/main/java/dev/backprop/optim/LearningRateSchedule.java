package dev.backprop.optim;

/**
 * The learning rate of each step, from the optimizer's base rate and the number of steps taken:
 * one concept for every optimizer ({@link GradientDescent.Builder#schedule}). The book's decay
 * {@code lr0 / (1 + decay·t)} is {@link Schedules#inverseTime}; step, exponential, cosine, warm-up,
 * one-cycle and reduce-on-plateau are the others, each registered by name so that model files and
 * checkpoints keep it (a schedule with state keeps that state in its configuration).
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * @param base the optimizer's base learning rate
     * @param step the number of steps taken before this one, from 0
     * @return the learning rate of this step
     */
    double rate(double base, long step);
}
