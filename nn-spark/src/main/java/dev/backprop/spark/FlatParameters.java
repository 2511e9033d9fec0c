package dev.backprop.spark;

import dev.backprop.core.Parameter;
import java.util.List;

/** A network's parameters as one flat {@code double[]}, in the order of {@code parameters()}. */
final class FlatParameters {

    private FlatParameters() {}

    static int size(List<Parameter> parameters) {
        long size = 0;
        for (Parameter parameter : parameters) {
            size += parameter.value().getNumElements();
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("The network has " + size + " parameters, more than one array holds");
        }
        return (int) size;
    }

    /** @return the values, copied into one array */
    static double[] values(List<Parameter> parameters) {
        double[] flat = new double[size(parameters)];
        int offset = 0;
        for (Parameter parameter : parameters) {
            int n = parameter.value().getNumElements();
            System.arraycopy(parameter.value().data, 0, flat, offset, n);
            offset += n;
        }
        return flat;
    }

    /** Copies {@code flat} into the parameters' values. */
    static void setValues(double[] flat, List<Parameter> parameters) {
        checkSize(flat, parameters);
        int offset = 0;
        for (Parameter parameter : parameters) {
            int n = parameter.value().getNumElements();
            System.arraycopy(flat, offset, parameter.value().data, 0, n);
            offset += n;
        }
    }

    /** @return the gradients times {@code weight}, in one new array (a weight of 1 changes no bit) */
    static double[] gradients(List<Parameter> parameters, double weight) {
        double[] flat = new double[size(parameters)];
        int offset = 0;
        for (Parameter parameter : parameters) {
            double[] grad = parameter.grad().data;
            int n = parameter.grad().getNumElements();
            for (int i = 0; i < n; i++) {
                flat[offset + i] = grad[i] * weight;
            }
            offset += n;
        }
        return flat;
    }

    /** Copies {@code flat} into the parameters' gradients. */
    static void setGradients(double[] flat, List<Parameter> parameters) {
        checkSize(flat, parameters);
        int offset = 0;
        for (Parameter parameter : parameters) {
            int n = parameter.grad().getNumElements();
            System.arraycopy(flat, offset, parameter.grad().data, 0, n);
            offset += n;
        }
    }

    /** @return the values times {@code weight}, in one new array */
    static double[] weightedValues(List<Parameter> parameters, double weight) {
        double[] flat = values(parameters);
        for (int i = 0; i < flat.length; i++) {
            flat[i] *= weight;
        }
        return flat;
    }

    private static void checkSize(double[] flat, List<Parameter> parameters) {
        int size = size(parameters);
        if (flat.length != size) {
            throw new IllegalStateException("The network has " + size + " parameter values, the driver sent "
                    + flat.length + ": the network factory builds different networks");
        }
    }
}
