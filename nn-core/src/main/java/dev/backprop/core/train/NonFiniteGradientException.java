package dev.backprop.core.train;

/**
 * Training stopped because a gradient became NaN or infinite: the gradients exploded. The message
 * names the epoch, the step, the layer and the parameter; clipping ({@link FitOptions.Builder#clipNorm})
 * or a lower learning rate is the usual cure.
 */
public final class NonFiniteGradientException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** The epoch, from 0. */
    private final int epoch;
    /** The batch within the epoch, from 0. */
    private final int step;
    /** The layer whose parameter's gradient is not finite. */
    private final String layer;

    /**
     * @param epoch the epoch, from 0
     * @param step the step within the epoch, from 0
     * @param layer the layer that holds the parameter
     * @param parameter the parameter's name
     */
    public NonFiniteGradientException(int epoch, int step, String layer, String parameter) {
        super("The gradient of " + parameter + " in " + layer + " became NaN or infinite at epoch " + epoch + ", step "
                + step + "; clip the gradients or lower the learning rate");
        this.epoch = epoch;
        this.step = step;
        this.layer = layer;
    }

    /** @return the epoch, from 0 */
    public int epoch() {
        return epoch;
    }

    /** @return the batch within the epoch, from 0 */
    public int step() {
        return step;
    }

    /** @return the layer, as its {@code toString()} names it */
    public String layer() {
        return layer;
    }
}
