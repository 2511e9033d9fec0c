package dev.backprop.core;

import java.util.List;
import java.util.function.IntFunction;

/**
 * A test optimizer: plain descent {@code w −= lr·g} with the book's decay, or, when given a
 * script, sets every parameter entry to the script's value for the step number.
 */
public class ScriptedDescent implements Optimizer, Scheduled {

    private final double learningRate;
    private final double decay;
    private final IntFunction<Double> script;
    private int iterations;

    public ScriptedDescent(double learningRate, double decay) {
        this(learningRate, decay, null);
    }

    private ScriptedDescent(double learningRate, double decay, IntFunction<Double> script) {
        this.learningRate = learningRate;
        this.decay = decay;
        this.script = script;
    }

    public static ScriptedDescent scripted(IntFunction<Double> valueAtStep) {
        return new ScriptedDescent(0, 0, valueAtStep);
    }

    @Override
    public void step(List<Parameter> parameters) {
        double rate = currentLearningRate();
        for (Parameter parameter : parameters) {
            double[] value = parameter.value().data;
            for (int i = 0; i < parameter.value().getNumElements(); i++) {
                value[i] = script != null ? script.apply(iterations) : value[i] - rate * parameter.grad().data[i];
            }
        }
        iterations++;
    }

    @Override
    public double currentLearningRate() {
        return learningRate / (1 + decay * iterations);
    }
}
