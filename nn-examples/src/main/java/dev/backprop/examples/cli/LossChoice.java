package dev.backprop.examples.cli;

import dev.backprop.core.Loss;
import dev.backprop.layers.CategoricalCrossEntropy;
import dev.backprop.layers.HuberLoss;
import dev.backprop.layers.MeanAbsoluteError;
import dev.backprop.layers.MeanSquaredError;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * The loss a recipe trains with: a regression's by {@code --loss} (mse, mae, huber; MSE when not
 * given), a classification's cross-entropy, weighted by class when {@code --class-weight} says so.
 * Checked once on the driver; {@link #create} then builds it anywhere (Spark's executors too).
 *
 * @param regression whether the problem is a regression
 * @param name a regression's loss by a registered name, or null for MSE
 * @param classWeights the weight of each class, or null for none
 * @param labelSmoothing a classification's label smoothing ε, 0 for none
 */
record LossChoice(boolean regression, String name, double[] classWeights, double labelSmoothing)
        implements java.io.Serializable {

    private static final List<Class<?>> REGRESSION_LOSSES = List.of(MeanSquaredError.class,
            MeanAbsoluteError.class, HuberLoss.class);

    /**
     * @param recipe whose {@code loss} and {@code classWeight} decide
     * @param classNames the classes, in the order of the model's outputs
     * @param classCounts the training rows of each class, asked for only by {@code balanced}
     * @throws UsageException when the options do not fit the problem
     */
    static LossChoice of(Recipe recipe, boolean regression, List<String> classNames, Supplier<long[]> classCounts) {
        if (recipe.loss != null && !regression) {
            throw new UsageException("--loss chooses a regression's loss; a classification's is cross-entropy");
        }
        if (recipe.classWeight != null && regression) {
            throw new UsageException("--class-weight applies to classification, and this is a regression");
        }
        if (recipe.labelSmoothing != 0 && (regression || recipe.classWeight != null)) {
            throw new UsageException(regression ? "--label-smoothing applies to classification, and this is a regression"
                    : "--label-smoothing with --class-weight: give one or the other");
        }
        LossChoice choice = new LossChoice(regression, recipe.loss,
                recipe.classWeight == null ? null : weights(recipe.classWeight, classNames, classCounts),
                recipe.labelSmoothing);
        if (recipe.loss != null && !REGRESSION_LOSSES.contains(choice.create().getClass())) {
            throw new UsageException("--loss " + recipe.loss + " is not a regression loss: use mse, mae or huber");
        }
        return choice;
    }

    /** @return the training rows of each of {@code classes} classes in targets that are class indices */
    static long[] counts(DMatrixRMaj targets, int classes) {
        long[] counts = new long[classes];
        for (int i = 0; i < targets.numRows; i++) {
            counts[(int) targets.data[i]]++;
        }
        return counts;
    }

    /** @return a new loss of this choice */
    Loss create() {
        if (name != null) {
            return NamedComponents.create(Loss.class, "--loss", name, java.util.Map.of());
        }
        if (regression) {
            return new MeanSquaredError();
        }
        if (classWeights != null) {
            return new CategoricalCrossEntropy(classWeights.clone());
        }
        return labelSmoothing == 0 ? new CategoricalCrossEntropy() : CategoricalCrossEntropy.withLabelSmoothing(labelSmoothing);
    }

    /**
     * {@code balanced}: samples / (classes · samples of the class), scikit-learn's and Keras' rule;
     * else explicit {@code name=weight} pairs, the classes not named weighing 1.
     */
    private static double[] weights(String text, List<String> names, Supplier<long[]> classCounts) {
        double[] weights = new double[names.size()];
        if (text.equals("balanced")) {
            long[] counts = classCounts.get();
            long samples = Arrays.stream(counts).sum();
            for (int c = 0; c < weights.length; c++) {
                if (counts[c] == 0) {
                    throw new UsageException("--class-weight balanced: class '" + names.get(c)
                            + "' has no training sample");
                }
                weights[c] = (double) samples / (names.size() * counts[c]);
            }
            return weights;
        }
        Arrays.fill(weights, 1);
        for (String pair : text.split(",")) {
            int equals = pair.lastIndexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals).strip();
            int c = names.indexOf(name);
            if (equals < 0 || c < 0) {
                throw new UsageException("--class-weight takes balanced or CLASS=WEIGHT,...; '" + pair
                        + "' names no class of " + names);
            }
            try {
                weights[c] = Double.parseDouble(pair.substring(equals + 1).strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--class-weight: '" + pair + "' has no number after '='");
            }
            if (!(weights[c] > 0) || !Double.isFinite(weights[c])) {
                throw new UsageException("--class-weight: weights must be positive, got " + pair);
            }
        }
        return weights;
    }
}
