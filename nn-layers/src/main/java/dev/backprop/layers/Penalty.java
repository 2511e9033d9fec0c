package dev.backprop.layers;

import dev.backprop.core.Parameter;

/** L1 and L2 regularisation of one parameter: {@code λ1·Σ|p| + λ2·Σp²}. */
final class Penalty {

    private final double l1;
    private final double l2;

    Penalty(double l1, double l2) {
        this.l1 = l1;
        this.l2 = l2;
    }

    double l1() {
        return l1;
    }

    double l2() {
        return l2;
    }

    static double strength(String name, double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException(name + " must be a finite number ≥ 0, got " + lambda);
        }
        return lambda;
    }

    double loss(Parameter parameter) {
        if (l1 == 0 && l2 == 0) {
            // Training asks after every step: without this, a sum over every weight of W2 each time.
            return 0;
        }
        double absolute = 0;
        double squares = 0;
        for (double p : parameter.value().data) {
            absolute += Math.abs(p);
            squares += p * p;
        }
        return l1 * absolute + l2 * squares;
    }

    /** Adds {@code λ1·sign(p) + 2·λ2·p} to the gradient, with sign(0) = +1 as in the book. */
    void addGradient(Parameter parameter) {
        if (l1 == 0 && l2 == 0) {
            return;
        }
        double[] value = parameter.value().data;
        double[] grad = parameter.grad().data;
        for (int i = 0; i < value.length; i++) {
            grad[i] += (value[i] >= 0 ? l1 : -l1) + 2 * l2 * value[i];
        }
    }
}
