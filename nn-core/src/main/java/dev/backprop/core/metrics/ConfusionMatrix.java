package dev.backprop.core.metrics;

import dev.backprop.core.MatrixChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Counts of (actual class, predicted class) pairs, and the per-class precision, recall and F1
 * they give. The predicted class is the argmax of a row of predictions; targets are class indices
 * (n × 1) or one-hot rows. A figure whose denominator is 0 (a class never predicted, or never
 * present) is reported as 0, as scikit-learn does.
 */
public final class ConfusionMatrix {

    private final long[][] counts;

    /**
     * @param classes the number of classes, at least 2
     */
    public ConfusionMatrix(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("A confusion matrix needs at least 2 classes, got " + classes);
        }
        counts = new long[classes][classes];
    }

    /**
     * Counts a batch.
     *
     * @param predictions one row of class scores per sample
     * @param targets class indices or one-hot rows
     * @return this matrix
     */
    public ConfusionMatrix add(DMatrixRMaj predictions, DMatrixRMaj targets) {
        MatrixChecks.requireColumns("ConfusionMatrix", "predictions", predictions, classes());
        if (targets.numRows != predictions.numRows) {
            throw new IllegalArgumentException("ConfusionMatrix: targets has shape " + MatrixChecks.shape(targets)
                    + ", expected " + predictions.numRows + " rows");
        }
        for (int row = 0; row < predictions.numRows; row++) {
            int actual = CategoricalAccuracy.targetClass(predictions, targets, row);
            if (actual < 0 || actual >= classes()) {
                throw new IllegalArgumentException("ConfusionMatrix: target class " + actual + " at row " + row
                        + " is not in [0, " + classes() + ")");
            }
            counts[actual][CategoricalAccuracy.argmax(predictions, row)]++;
        }
        return this;
    }

    /** @return the number of classes */
    public int classes() {
        return counts.length;
    }

    /**
     * @param actual the true class
     * @param predicted the predicted class
     * @return how many samples of class {@code actual} were predicted as {@code predicted}
     */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** @return the number of samples counted */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    /** @return the share of samples on the diagonal; NaN if none was counted */
    public double accuracy() {
        long diagonal = 0;
        for (int c = 0; c < classes(); c++) {
            diagonal += counts[c][c];
        }
        long total = total();
        return total == 0 ? Double.NaN : (double) diagonal / total;
    }

    /**
     * @param c a class
     * @return of the samples predicted as {@code c}, the share that are {@code c}
     */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    /**
     * @param c a class
     * @return of the samples of class {@code c}, the share predicted as {@code c}
     */
    public double recall(int c) {
        long actual = 0;
        for (long n : counts[c]) {
            actual += n;
        }
        return actual == 0 ? 0 : (double) counts[c][c] / actual;
    }

    /**
     * @param c a class
     * @return the harmonic mean of precision and recall
     */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** @return the counts, actual classes down and predicted across, then precision, recall and F1 per class */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes(); c++) {
            names.add(Integer.toString(c));
        }
        return report(names);
    }

    /**
     * The counts and per-class scores as a table for people, classes by name.
     *
     * @param classNames the classes' names, in index order
     * @return actual classes down and predicted across, then precision, recall and F1 per class
     */
    public String report(List<String> classNames) {
        if (classNames.size() != classes()) {
            throw new IllegalArgumentException("ConfusionMatrix: " + classNames.size() + " names for " + classes()
                    + " classes");
        }
        int width = 7;
        for (String name : classNames) {
            width = Math.max(width, name.length());
        }
        String cell = " %" + width + "s";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + Math.max(16, width) + "s",
                "actual\\predicted"));
        classNames.forEach(name -> out.append(String.format(Locale.ROOT, cell, name)));
        out.append(System.lineSeparator());
        for (int a = 0; a < classes(); a++) {
            out.append(String.format(Locale.ROOT, "%" + Math.max(16, width) + "s", classNames.get(a)));
            for (int p = 0; p < classes(); p++) {
                out.append(String.format(Locale.ROOT, cell, counts[a][p]));
            }
            out.append(System.lineSeparator());
        }
        String row = "%" + Math.max(5, width) + "s %9s %9s %9s%n";
        out.append(String.format(Locale.ROOT, row, "class", "precision", "recall", "f1"));
        for (int c = 0; c < classes(); c++) {
            out.append(String.format(Locale.ROOT, "%" + Math.max(5, width) + "s %9.4f %9.4f %9.4f%n", classNames.get(c),
                    precision(c), recall(c), f1(c)));
        }
        return out.toString();
    }
}
