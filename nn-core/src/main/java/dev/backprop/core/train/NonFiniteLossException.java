package dev.backprop.core.train;

/** Training stopped because the loss became NaN or infinite: the model diverged. */
public final class NonFiniteLossException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** The epoch, from 0. */
    private final int epoch;
    /** The batch within the epoch, from 0. */
    private final int step;

    /**
     * @param epoch the epoch, from 0
     * @param step the step within the epoch, from 0
     * @param dataLoss the batch's data loss
     * @param regularizationLoss the regularisation loss at that step
     */
    public NonFiniteLossException(int epoch, int step, double dataLoss, double regularizationLoss) {
        super("The loss became " + (dataLoss + regularizationLoss) + " at epoch " + epoch + ", step " + step
                + " (data loss " + dataLoss + ", regularization loss " + regularizationLoss
                + "); lower the learning rate or check the inputs");
        this.epoch = epoch;
        this.step = step;
    }

    /** @return the epoch, from 0 */
    public int epoch() {
        return epoch;
    }

    /** @return the batch within the epoch, from 0 */
    public int step() {
        return step;
    }
}
