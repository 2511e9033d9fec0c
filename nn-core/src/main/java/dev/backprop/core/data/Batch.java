package dev.backprop.core.data;

import dev.backprop.core.MatrixChecks;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A batch of samples: inputs and targets with one row per sample.
 *
 * @param inputs the inputs, n × features
 * @param targets the targets, n × outputs (or n × 1 class indices)
 */
public record Batch(DMatrixRMaj inputs, DMatrixRMaj targets) {

    /**
     * @param inputs the inputs, n × features
     * @param targets the targets, n × outputs (or n × 1 class indices)
     * @throws IllegalArgumentException if either is empty or their row counts differ
     */
    public Batch {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        MatrixChecks.requireNonEmpty("Batch", "inputs", inputs);
        MatrixChecks.requireNonEmpty("Batch", "targets", targets);
        if (inputs.numRows != targets.numRows) {
            throw new IllegalArgumentException("Batch: inputs has shape " + MatrixChecks.shape(inputs)
                    + " but targets has shape " + MatrixChecks.shape(targets) + "; they need one row per sample each");
        }
    }

    /** @return the number of samples */
    public int size() {
        return inputs.numRows;
    }
}
