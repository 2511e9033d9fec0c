package dev.backprop.core.train;

import dev.backprop.core.FusedLoss;
import dev.backprop.core.InputGradientSkippable;
import dev.backprop.core.Layer;
import dev.backprop.core.Loss;
import dev.backprop.core.Optimizer;
import dev.backprop.core.Parameter;
import dev.backprop.core.Scheduled;
import dev.backprop.core.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * One training step, written once: forward through the {@link Sequential}, the loss, backward (the
 * fused gradient of softmax and cross-entropy when the loss and the last layer allow it, settled
 * when the step is made), then {@link #update}: the finiteness check of every gradient, clipping,
 * and the optimizer. {@link Model#fit}, {@link Model#computeGradients} and distributed trainers
 * all run this class; a distributed trainer computes gradients on its workers and calls
 * {@code update} with their sum.
 *
 * <p>Not thread-safe, as the layers it drives.
 */
public final class TrainingStep {

    private final Sequential network;
    private final Loss loss;
    private final FusedLoss fusedLoss;
    private final InputGradientSkippable inputLayer;
    private final List<Parameter> parameters;
    private final List<Layer> owners = new ArrayList<>();
    private DMatrixRMaj output;

    /**
     * @param network the layers
     * @param loss the loss
     */
    public TrainingStep(Sequential network, Loss loss) {
        this.network = Objects.requireNonNull(network, "network");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.fusedLoss = loss instanceof FusedLoss fused && fused.fusesWith(network.lastLayer()) ? fused : null;
        this.inputLayer = network.firstLayer() instanceof InputGradientSkippable skippable ? skippable : null;
        this.parameters = network.parameters();
        for (Layer layer : network.leafLayers()) {
            for (int i = 0; i < layer.parameters().size(); i++) {
                owners.add(layer);
            }
        }
    }

    /** @return the network, as one Sequential */
    public Sequential network() {
        return network;
    }

    /** @return whether backward starts from the fused gradient through the last layer */
    public boolean fused() {
        return fusedLoss != null;
    }

    /** @return the parameters the step updates, in order */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Switches the network into training mode (dropout on; the first layer leaves out the gradient
     * of its input, which is data) or back into inference mode.
     *
     * @param training true while steps run
     */
    public void training(boolean training) {
        network.setTraining(training);
        if (inputLayer != null) {
            inputLayer.skipInputGradient(training);
        }
    }

    /**
     * @param inputs a batch, one sample per row
     * @return the network's output, owned by its last layer
     */
    public DMatrixRMaj forward(DMatrixRMaj inputs) {
        return network.forward(inputs);
    }

    /**
     * Forward, loss and backward: afterwards every parameter's gradient holds dLoss/dParameter for
     * this batch (with the layers' own regularisation gradients).
     *
     * @param inputs the batch
     * @param targets its targets
     * @return the batch's mean data loss
     */
    public double computeGradients(DMatrixRMaj inputs, DMatrixRMaj targets) {
        output = network.forward(inputs);
        double dataLoss = loss.forward(output, targets);
        if (fusedLoss != null) {
            network.backwardBelowLast(fusedLoss.backwardThrough(network.lastLayer()));
        } else {
            network.backward(loss.backward());
        }
        return dataLoss;
    }

    /** @return the output of the last {@link #computeGradients}, owned by the last layer */
    public DMatrixRMaj output() {
        return output;
    }

    /** @return the regularisation loss of the network at its current parameters */
    public double regularizationLoss() {
        return network.regularizationLoss();
    }

    /**
     * Applies the gradients the parameters hold: stops on a NaN or infinite one, naming its layer;
     * clips by global norm, then by value; then lets the optimizer step.
     *
     * @param optimizer the optimizer
     * @param clipNorm the largest global gradient norm; infinite for none
     * @param clipValue the largest absolute gradient entry; infinite for none
     * @param epoch the epoch, for messages
     * @param step the step in the epoch, for messages
     * @return the learning rate the optimizer used, or NaN if it does not say ({@link Scheduled})
     * @throws NonFiniteGradientException on a NaN or infinite gradient; the parameters are unchanged
     */
    public double update(Optimizer optimizer, double clipNorm, double clipValue, int epoch, int step) {
        double squares = 0;
        for (int p = 0; p < parameters.size(); p++) {
            DMatrixRMaj grad = parameters.get(p).grad();
            double sum = 0;
            for (int i = 0; i < grad.getNumElements(); i++) {
                sum += grad.data[i] * grad.data[i];
            }
            if (!Double.isFinite(sum)) {
                throw new NonFiniteGradientException(epoch, step, owners.get(p).toString(),
                        parameters.get(p).name() + " (parameter " + p + ")");
            }
            squares += sum;
        }
        double norm = Math.sqrt(squares);
        double scale = norm > clipNorm ? clipNorm / norm : 1;
        if (scale != 1 || clipValue != Double.POSITIVE_INFINITY) {
            for (Parameter parameter : parameters) {
                double[] grad = parameter.grad().data;
                for (int i = 0; i < parameter.grad().getNumElements(); i++) {
                    grad[i] = Math.max(-clipValue, Math.min(clipValue, grad[i] * scale));
                }
            }
        }
        double rate = optimizer instanceof Scheduled scheduled ? scheduled.currentLearningRate() : Double.NaN;
        optimizer.step(parameters);
        return rate;
    }
}
