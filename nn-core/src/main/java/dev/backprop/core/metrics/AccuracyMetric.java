package dev.backprop.core.metrics;

/**
 * What the accuracies share: a count of right answers over a count of answers, reported as
 * {@code "accuracy"}. Subclasses decide what is right in {@link #update}.
 */
abstract class AccuracyMetric implements Metric {

    private long correct;
    private long count;

    @Override
    public final String name() {
        return metricName();
    }

    /** @return the name reported: {@code "accuracy"} unless a subclass says otherwise */
    String metricName() {
        return "accuracy";
    }

    @Override
    public final void reset() {
        correct = 0;
        count = 0;
    }

    @Override
    public final double value() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    /** Adds {@code answers} answers, {@code right} of them right. */
    final void tally(long right, long answers) {
        correct += right;
        count += answers;
    }
}
