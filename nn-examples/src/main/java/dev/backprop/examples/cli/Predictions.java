package dev.backprop.examples.cli;

import dev.backprop.core.train.Model;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.Softmax;
import dev.backprop.layers.SoftmaxCrossEntropy;
import org.ejml.data.DMatrixRMaj;

/** What a saved model's outputs mean: class probabilities for classifiers, values for regressions. */
final class Predictions {

    private Predictions() {}

    static boolean isClassifier(Model model) {
        return model.loss() instanceof CategoricalCrossEntropy || model.loss() instanceof SoftmaxCrossEntropy;
    }

    /** @return the model's outputs, turned into probabilities when it outputs logits */
    static DMatrixRMaj probabilities(Model model, DMatrixRMaj inputs) {
        DMatrixRMaj outputs = model.predict(inputs);
        if (model.loss() instanceof SoftmaxCrossEntropy) {
            return new Softmax().forward(outputs).copy();
        }
        return outputs;
    }
}
