package dev.backprop.examples.docs;

import dev.backprop.core.Optimizer;
import dev.backprop.core.component.ComponentType;
import dev.backprop.optim.GradientDescent;

/** docs/training.md's own optimizer, as written there: w += -lr · sign(dw). */
// snippet training: your own optimizer
public final class SignDescent extends GradientDescent {                // w += -lr · sign(dw)
    public static final ComponentType<Optimizer> TYPE = ComponentType.of(Optimizer.class, "SignDescent",
            SignDescent.class, config -> new SignDescent(config.number("learningRate")));
    public SignDescent(double learningRate) { super(learningRate, 0, 0); }      // rate, decay, state slots
    @Override protected void update(double[] w, double[] dw, int size, double lr, double[][] state) {
        for (int i = 0; i < size; i++) w[i] -= lr * Math.signum(dw[i]);
    }
}
// end snippet
