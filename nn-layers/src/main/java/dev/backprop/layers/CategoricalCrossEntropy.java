package dev.backprop.layers;

import dev.backprop.core.component.ComponentType;
import dev.backprop.core.Loss;
import dev.backprop.core.FusedLoss;
import dev.backprop.core.Layer;
import dev.backprop.core.component.Configurable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Cross-entropy of predicted class probabilities (the output of {@link Softmax}):
 * {@code −Σ_j y_j · log ŷ_j} per sample, averaged over the samples.
 *
 * <p>Targets are class indices (n × 1) or one-hot rows (n × classes). Probabilities are clipped to
 * [1e-7, 1 − 1e-7] before the log, as the book does, so a confident wrong answer costs about 16.1
 * rather than infinity. The gradient is {@code −y / ŷ / n}, with the same clipped ŷ in the divisor.
 * After a {@link Softmax} layer it offers the fused gradient {@code (ŷ − y) / n} with respect to
 * the softmax's input ({@link FusedLoss}), which {@link dev.backprop.core.train.Model} uses by itself;
 * {@link SoftmaxCrossEntropy} is the same pair as one loss on logits.
 *
 * <p>Optional class weights, for imbalanced classes, weight each sample's loss by its class's
 * weight, as Keras' {@code class_weight}: {@code Σ w_{y_i} · loss_i / n}, and so its gradient.
 *
 * <p>Optional label smoothing ε ({@link #withLabelSmoothing}) trains against
 * {@code q = (1 − ε)·y + ε / classes} instead of {@code y}, as PyTorch's
 * {@code CrossEntropyLoss(label_smoothing=ε)}: the fused gradient is {@code (ŷ − q) / n}.
 */
public final class CategoricalCrossEntropy extends BatchLoss implements FusedLoss, Configurable {

    /** The registered type: {@code "CategoricalCrossEntropy"}, with its optional {@code classWeights}. */
    public static final ComponentType<Loss> TYPE = ComponentType.of(Loss.class, "CategoricalCrossEntropy",
            CategoricalCrossEntropy.class, config -> config.has("classWeights")
                    ? new CategoricalCrossEntropy(config.numbers("classWeights", 100_000))
                    : withLabelSmoothing(config.number("labelSmoothing", 0)));

    private final DMatrixRMaj fusedGradient = new DMatrixRMaj(1, 1);
    private final double[] classWeights;
    private final double labelSmoothing;

    /** The unweighted loss. */
    public CategoricalCrossEntropy() {
        this.classWeights = null;
        this.labelSmoothing = 0;
    }

    private CategoricalCrossEntropy(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("CategoricalCrossEntropy: label smoothing must be in [0, 1), got "
                    + labelSmoothing);
        }
        this.classWeights = null;
        this.labelSmoothing = labelSmoothing;
    }

    /**
     * @param epsilon the share of each target spread evenly over the classes, in [0, 1) (RealMLP: 0.1)
     * @return the unweighted loss with label smoothing ε
     * @throws IllegalArgumentException if ε is outside [0, 1)
     */
    public static CategoricalCrossEntropy withLabelSmoothing(double epsilon) {
        return new CategoricalCrossEntropy(epsilon);
    }

    /** @return the label smoothing ε, 0 for none */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * @param classWeights one positive weight per class, in class-index order (balanced weights are
     *     {@code samples / (classes · samples of the class)})
     */
    public CategoricalCrossEntropy(double... classWeights) {
        if (classWeights.length < 2) {
            throw new IllegalArgumentException("CategoricalCrossEntropy: class weights for at least 2 classes");
        }
        for (double weight : classWeights) {
            if (!(weight > 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("CategoricalCrossEntropy: class weights must be positive, got "
                        + weight);
            }
        }
        this.classWeights = classWeights.clone();
        this.labelSmoothing = 0;
    }

    /** @return the class weights, or null for none */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    @Override
    public Map<String, Object> config() {
        if (classWeights == null) {
            return labelSmoothing == 0 ? Map.of() : Map.of("labelSmoothing", labelSmoothing);
        }
        List<Object> weights = new ArrayList<>();
        for (double weight : classWeights) {
            weights.add(weight);
        }
        return Map.of("classWeights", weights);
    }

    /** @return the weight of sample {@code row}: its class's, or 1 without weights */
    private double sampleWeight(DMatrixRMaj targets, boolean indices, int row, int classes) {
        if (classWeights == null) {
            return 1;
        }
        double weight = 0;
        for (int j = 0; j < classes; j++) {
            weight += ClassTargets.probability(targets, indices, row, j, classes) * classWeights[j];
        }
        return weight;
    }

    @Override
    void checkTargets(DMatrixRMaj predictions, DMatrixRMaj targets) {
        ClassTargets.check(toString(), predictions, targets);
        if (classWeights != null && classWeights.length != predictions.numCols) {
            throw new IllegalArgumentException(this + ": " + classWeights.length + " class weights for "
                    + predictions.numCols + " classes");
        }
    }

    @Override
    double meanLoss(DMatrixRMaj predictions, DMatrixRMaj targets) {
        int n = predictions.numRows;
        int classes = predictions.numCols;
        boolean indices = ClassTargets.areIndices(predictions, targets);
        double total = 0;
        if (indices && classWeights == null && labelSmoothing == 0) {
            // One class per sample: −log of its probability, the only term of the sum below that is not 0.
            for (int row = 0; row < n; row++) {
                total += -Math.log(clip(predictions.data[row * classes + (int) targets.data[row]]));
            }
            return total / n;
        }
        for (int row = 0; row < n; row++) {
            double sample = 0;
            for (int j = 0; j < classes; j++) {
                double y = target(targets, indices, row, j, classes);
                if (y != 0) {
                    sample -= y * Math.log(clip(predictions.data[row * classes + j]));
                }
            }
            total += sampleWeight(targets, indices, row, classes) * sample;
        }
        return total / n;
    }

    @Override
    void gradient(DMatrixRMaj predictions, DMatrixRMaj targets, DMatrixRMaj gradient) {
        int n = predictions.numRows;
        int classes = predictions.numCols;
        boolean indices = ClassTargets.areIndices(predictions, targets);
        for (int row = 0, k = 0; row < n; row++) {
            double weight = sampleWeight(targets, indices, row, classes);
            for (int j = 0; j < classes; j++, k++) {
                double y = target(targets, indices, row, j, classes);
                gradient.data[k] = -weight * y / clip(predictions.data[k]) / n;
            }
        }
    }

    /** @return the target probability of a class: the label's, smoothed by ε */
    private double target(DMatrixRMaj targets, boolean indices, int row, int column, int classes) {
        double y = ClassTargets.probability(targets, indices, row, column, classes);
        return labelSmoothing == 0 ? y : (1 - labelSmoothing) * y + labelSmoothing / classes;
    }

    /** @return whether {@code lastLayer} is a {@link Softmax} */
    @Override
    public boolean fusesWith(Layer lastLayer) {
        return lastLayer instanceof Softmax;
    }

    /** @return {@code (ŷ − y) / n} for the last forward pass, the gradient at the softmax's input */
    @Override
    public DMatrixRMaj backwardThrough(Layer lastLayer) {
        if (!fusesWith(lastLayer)) {
            throw new IllegalArgumentException(this + " fuses only with Softmax, not with " + lastLayer);
        }
        if (labelSmoothing == 0) {
            ClassTargets.softmaxGradient(lastPredictions(), lastTargets(), fusedGradient);
        } else {
            // (ŷ − q) / n, q the smoothed targets
            DMatrixRMaj predictions = lastPredictions();
            DMatrixRMaj targets = lastTargets();
            int n = predictions.numRows;
            int classes = predictions.numCols;
            boolean indices = ClassTargets.areIndices(predictions, targets);
            fusedGradient.reshape(n, classes);
            for (int row = 0, k = 0; row < n; row++) {
                for (int j = 0; j < classes; j++, k++) {
                    fusedGradient.data[k] = (predictions.data[k] - target(targets, indices, row, j, classes)) / n;
                }
            }
        }
        if (classWeights != null) {
            DMatrixRMaj targets = lastTargets();
            int classes = fusedGradient.numCols;
            boolean indices = ClassTargets.areIndices(lastPredictions(), targets);
            for (int row = 0, k = 0; row < fusedGradient.numRows; row++) {
                double weight = sampleWeight(targets, indices, row, classes);
                for (int j = 0; j < classes; j++, k++) {
                    fusedGradient.data[k] *= weight;
                }
            }
        }
        return fusedGradient;
    }
}
