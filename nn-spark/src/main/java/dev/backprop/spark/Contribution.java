package dev.backprop.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * What partitions send back for one step, summed by {@code treeAggregate}: a vector (gradients,
 * or parameters in local-SGD mode) already weighted by the partition's share, the sum of the
 * batch losses times their sample counts, and the number of samples. The empty contribution (no
 * vector) is the sum's zero, so that adding it changes no bit.
 */
final class Contribution implements Serializable {

    private static final long serialVersionUID = 1L;

    double[] vector;
    double lossTimesSamples;
    long samples;
    /** The outputs and targets of the partition's rows, for the driver's metrics; empty without metrics. */
    List<DMatrixRMaj> outputs = new ArrayList<>();
    List<DMatrixRMaj> targets = new ArrayList<>();

    Contribution() {}

    Contribution(double[] vector, double lossTimesSamples, long samples) {
        this.vector = vector;
        this.lossTimesSamples = lossTimesSamples;
        this.samples = samples;
    }

    /** Adds the rows' outputs and targets (copies), for the driver's metrics. */
    Contribution withOutputs(DMatrixRMaj output, DMatrixRMaj target) {
        outputs.add(output.copy());
        targets.add(target.copy());
        return this;
    }

    /** Adds {@code other} into this contribution (or takes its arrays if this one is empty). */
    static Contribution add(Contribution sum, Contribution other) {
        if (other.vector == null) {
            return sum;
        }
        if (sum.vector == null) {
            return other;
        }
        double[] into = sum.vector;
        double[] from = other.vector;
        if (into.length != from.length) {
            throw new IllegalStateException("Contributions of " + into.length + " and " + from.length + " values");
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
        sum.lossTimesSamples += other.lossTimesSamples;
        sum.outputs.addAll(other.outputs);
        sum.targets.addAll(other.targets);
        sum.samples += other.samples;
        return sum;
    }
}
