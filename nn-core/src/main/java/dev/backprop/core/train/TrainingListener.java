package dev.backprop.core.train;

/**
 * Hears the progress of {@link Model#fit}: for logging, plotting, checkpoints or stopping early
 * ({@link Model#requestStop()}). Every method does nothing by default.
 */
public interface TrainingListener {

    /**
     * Before an epoch's first batch.
     *
     * @param epoch the epoch, from 0
     * @param model the model being trained
     */
    default void onEpochStart(int epoch, Model model) {}

    /**
     * After a batch's optimizer step.
     *
     * @param epoch the epoch, from 0
     * @param step the batch within the epoch, from 0
     * @param loss the batch's loss, data plus regularisation
     * @param model the model being trained
     */
    default void onBatchEnd(int epoch, int step, double loss, Model model) {}

    /**
     * After an epoch and its validation.
     *
     * @param result the epoch's figures
     * @param model the model being trained
     */
    default void onEpochEnd(EpochResult result, Model model) {}
}
