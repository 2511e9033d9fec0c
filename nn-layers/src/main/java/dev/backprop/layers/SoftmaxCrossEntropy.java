package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Loss;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax followed by categorical cross-entropy, taking raw scores (logits) as predictions: the
 * book's fused {@code Activation_Softmax_Loss_CategoricalCrossentropy}.
 *
 * <p>The loss equals {@link CategoricalCrossEntropy} of {@code softmax(logits)}, clipping included.
 * The gradient with respect to the logits collapses to {@code (softmax(z) − y) / n}: no Jacobian
 * and no division by a small probability. Use it in place of a final {@link Softmax} layer and
 * read the class probabilities from {@link #probabilities()}.
 */
public final class SoftmaxCrossEntropy extends BatchLoss {

    /** The registered type: {@code "SoftmaxCrossEntropy"}, no hyper-parameters. */
    public static final ComponentType<Loss> TYPE = ComponentType.of(Loss.class, "SoftmaxCrossEntropy", SoftmaxCrossEntropy.class, config -> new SoftmaxCrossEntropy());

    private final Softmax softmax = new Softmax();
    private final CategoricalCrossEntropy crossEntropy = new CategoricalCrossEntropy();
    private DMatrixRMaj probabilities;

    @Override
    void checkTargets(DMatrixRMaj predictions, DMatrixRMaj targets) {
        ClassTargets.check(toString(), predictions, targets);
    }

    @Override
    double meanLoss(DMatrixRMaj logits, DMatrixRMaj targets) {
        probabilities = softmax.forward(logits);
        // The targets were checked against these shapes already (checkTargets): the loss alone.
        return crossEntropy.meanLoss(probabilities, targets);
    }

    @Override
    void gradient(DMatrixRMaj logits, DMatrixRMaj targets, DMatrixRMaj gradient) {
        ClassTargets.softmaxGradient(probabilities, targets, gradient);
    }

    /**
     * @return the softmax probabilities of the last forward pass, owned by this loss
     * @throws IllegalStateException before the first forward pass
     */
    public DMatrixRMaj probabilities() {
        if (probabilities == null) {
            throw new IllegalStateException(this + ": no forward pass yet");
        }
        return probabilities;
    }
}
