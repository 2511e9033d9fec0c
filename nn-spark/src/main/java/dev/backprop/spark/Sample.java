package dev.backprop.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One training sample: its features and its target row (a class index, a one-hot row, or the
 * values of a regression). A plain serializable class, so that both Spark's Java serializer and
 * Kryo handle it.
 */
public final class Sample implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The sample's inputs. */
    private final double[] features;
    /** Its target row. */
    private final double[] target;

    private Sample(double[] features, double[] target) {
        this.features = features;
        this.target = target;
    }

    /**
     * @param features the sample's inputs (not copied)
     * @param target its target row: one value for a class index or a single output
     * @return the sample
     * @throws IllegalArgumentException if either is empty
     */
    public static Sample of(double[] features, double... target) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        if (features.length == 0 || target.length == 0) {
            throw new IllegalArgumentException("A sample needs at least one feature and one target value, got "
                    + features.length + " and " + target.length);
        }
        return new Sample(features, target);
    }

    /** @return the features (the array itself) */
    public double[] features() {
        return features;
    }

    /** @return the target row (the array itself) */
    public double[] target() {
        return target;
    }
}
