package dev.backprop.core.metrics;

import dev.backprop.core.component.ComponentType;
import java.util.Arrays;

/**
 * The area under the ROC curve, scikit-learn's {@code roc_auc_score}, reported as {@code "auc"}: for
 * a binary problem the probability that a positive sample scores above a negative one (ties count
 * a half); for k classes the macro average of each class against the rest. Predictions are n × 1
 * probabilities of the positive class, or n × k class scores (with two columns, the second class
 * is the positive one). A class with no sample, or no sample of the others, leaves the area
 * undefined: an error.
 */
public final class AreaUnderRoc extends ScoredSamples {

    /** The registered type: {@code "AreaUnderRoc"}, no hyper-parameters. */
    public static final ComponentType<Metric> TYPE = ComponentType.of(Metric.class, "AreaUnderRoc", AreaUnderRoc.class,
            config -> new AreaUnderRoc()).withAliases("auc");

    @Override
    public String name() {
        return "auc";
    }

    /**
     * @return the area, NaN before the first batch
     * @throws IllegalStateException if a class needed has no sample
     */
    @Override
    public double value() {
        if (count == 0) {
            return Double.NaN;
        }
        if (columns <= 2) {
            return area(columns == 1 ? 0 : 1, 1);
        }
        double total = 0;
        for (int c = 0; c < columns; c++) {
            total += area(c, c);
        }
        return total / columns;
    }

    /** The area for class {@code positive} against the rest, ranking by score column {@code column}. */
    private double area(int column, int positive) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a * columns + column], scores[b * columns + column]));
        // Mann–Whitney: the positives' ranks (ties given their average rank) less their least sum.
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < count) {
            int j = i;
            double score = scores[order[i] * columns + column];
            while (j + 1 < count && scores[order[j + 1] * columns + column] == score) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (classes[order[k]] == positive) {
                    rankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = count - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalStateException("auc: class " + positive + " has " + positives + " samples and the others "
                    + negatives + "; the area under the ROC curve needs both");
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
