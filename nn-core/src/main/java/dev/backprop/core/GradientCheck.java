package dev.backprop.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;

/**
 * Proves a layer's {@code backward} against central differences of its {@code forward}: the way to
 * check a custom layer before training with it.
 *
 * <p>For a layer alone, the checked scalar is {@code f = sum(forward(x) ⊙ R)} with {@code R} a
 * fixed random matrix, so {@code backward(R)} must return df/dx and fill df/dθ for every parameter
 * θ. With a loss, {@code f = loss(forward(x), targets)}. A {@link Regularized} layer's
 * regularisation loss is added to {@code f}, since its backward adds the penalty's gradient. Each
 * entry of the input and of every parameter is moved by ±{@value #STEP}, and the analytic gradient
 * {@code a} is compared with the numerical one {@code n} by the relative error
 * {@code |a − n| / max(|a| + |n|, }{@value #FLOOR}{@code )}.
 *
 * <p>The layer is checked in its current training mode; {@link Stochastic} layers are reseeded
 * before every forward pass so that every evaluation sees the same noise. The check costs two
 * forward passes per input entry and parameter entry: use small layers and batches. Doubles give
 * errors around 1e-9 for a correct layer, and above 1e-3 for a wrong one. Inputs should stay away
 * from kinks (ReLU at 0), where no derivative exists.
 *
 * <p>The input passed in is not changed; the layer's parameter values are restored exactly.
 */
public final class GradientCheck {

    /** The finite-difference step. */
    public static final double STEP = 1e-5;

    /** The smallest denominator of the relative error, so that two tiny gradients agree. */
    public static final double FLOOR = 1e-8;

    private static final long NOISE_SEED = 42;

    private GradientCheck() {}

    /**
     * The largest relative error between {@code layer.backward} and central differences, over the
     * input and every parameter, for {@code f = sum(forward(input) ⊙ R)}.
     *
     * @param layer the layer to check
     * @param input a batch, one sample per row
     * @param seed the seed of the random weighting {@code R}
     * @return the largest relative error
     */
    public static double maxRelativeError(Layer layer, DMatrixRMaj input, long seed) {
        return check(layer, input, seed).maxRelativeError();
    }

    /**
     * The largest relative error between back-propagation through {@code loss} and {@code layer},
     * and central differences of {@code loss(layer.forward(input), targets)}.
     *
     * @param layer the layer or model to check
     * @param loss the loss applied to its output
     * @param input a batch, one sample per row
     * @param targets the targets for that batch
     * @return the largest relative error
     */
    public static double maxRelativeError(
            Layer layer, Loss loss, DMatrixRMaj input, DMatrixRMaj targets) {
        return check(layer, loss, input, targets).maxRelativeError();
    }

    /**
     * Checks a layer alone and tells where the worst error is.
     *
     * @param layer the layer to check
     * @param input a batch, one sample per row
     * @param seed the seed of the random weighting {@code R}
     * @return the worst entry and its error
     */
    public static Result check(Layer layer, DMatrixRMaj input, long seed) {
        Objects.requireNonNull(layer, "layer");
        MatrixChecks.requireNonEmpty("GradientCheck", "input", input);
        DMatrixRMaj x = input.copy();
        reseed(layer);
        DMatrixRMaj output = layer.forward(x);
        NumpyRandom random = new NumpyRandom(seed & 0xffffffffL);
        DMatrixRMaj weighting = new DMatrixRMaj(output.numRows, output.numCols);
        for (int i = 0; i < weighting.data.length; i++) {
            weighting.data[i] = random.uniform(-1, 1);
        }
        reseed(layer);
        DMatrixRMaj reference = layer.forward(x).copy();
        // Σ (out − reference) ⊙ R: subtracting entry by entry before summing keeps the round-off
        // of a large sum out of the difference quotient; the constant cancels in it.
        DoubleSupplier objective = () -> {
            reseed(layer);
            DMatrixRMaj out = layer.forward(x);
            double sum = 0;
            for (int i = 0; i < weighting.data.length; i++) {
                sum += (out.data[i] - reference.data[i]) * weighting.data[i];
            }
            return sum + regularization(layer);
        };
        reseed(layer);
        layer.forward(x);
        DMatrixRMaj analyticInput = layer.backward(weighting).copy();
        return compare(layer, x, analyticInput, objective);
    }

    /**
     * Checks a layer followed by a loss and tells where the worst error is.
     *
     * @param layer the layer or model to check
     * @param loss the loss applied to its output
     * @param input a batch, one sample per row
     * @param targets the targets for that batch
     * @return the worst entry and its error
     */
    public static Result check(Layer layer, Loss loss, DMatrixRMaj input, DMatrixRMaj targets) {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(loss, "loss");
        MatrixChecks.requireNonEmpty("GradientCheck", "input", input);
        DMatrixRMaj x = input.copy();
        DoubleSupplier objective = () -> {
            reseed(layer);
            return loss.forward(layer.forward(x), targets) + regularization(layer);
        };
        reseed(layer);
        loss.forward(layer.forward(x), targets);
        DMatrixRMaj analyticInput = layer.backward(loss.backward()).copy();
        return compare(layer, x, analyticInput, objective);
    }

    private static Result compare(
            Layer layer, DMatrixRMaj x, DMatrixRMaj analyticInput, DoubleSupplier objective) {
        List<Parameter> parameters = layer.parameters();
        List<DMatrixRMaj> analyticGrads = new ArrayList<>();
        for (Parameter parameter : parameters) {
            analyticGrads.add(parameter.grad().copy());
        }
        Result worst = new Result(0, "none", 0, 0);
        worst = worstOf(worst, "input", x, analyticInput, objective);
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            worst = worstOf(worst, parameter.name() + " (parameter " + p + ")",
                    parameter.value(), analyticGrads.get(p), objective);
        }
        return worst;
    }

    private static Result worstOf(Result worst, String name, DMatrixRMaj values,
            DMatrixRMaj analytic, DoubleSupplier objective) {
        Result result = worst;
        for (int i = 0; i < values.getNumElements(); i++) {
            double saved = values.data[i];
            values.data[i] = saved + STEP;
            double plus = objective.getAsDouble();
            values.data[i] = saved - STEP;
            double minus = objective.getAsDouble();
            values.data[i] = saved;
            double numeric = (plus - minus) / (2 * STEP);
            double a = analytic.data[i];
            double error = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), FLOOR);
            if (!(error <= result.maxRelativeError())) {
                String where = name + "[" + i / values.numCols + "," + i % values.numCols + "]";
                result = new Result(Double.isNaN(error) ? Double.POSITIVE_INFINITY : error,
                        where, a, numeric);
            }
        }
        return result;
    }

    private static double regularization(Layer layer) {
        return layer instanceof Regularized regularized ? regularized.regularizationLoss() : 0;
    }

    private static void reseed(Layer layer) {
        if (layer instanceof Stochastic stochastic) {
            stochastic.reseed(NOISE_SEED);
        }
    }

    /**
     * The outcome of a gradient check: the worst entry found.
     *
     * @param maxRelativeError the largest relative error; infinite if a gradient was NaN
     * @param worstEntry where it occurred, such as {@code "weights (parameter 0)[2,1]"} or
     *     {@code "input[0,3]"}
     * @param analytic the gradient {@code backward} gave there
     * @param numeric the central difference there
     */
    public record Result(double maxRelativeError, String worstEntry, double analytic, double numeric) {}
}
