package dev.backprop.spark;

import java.io.Serializable;

/**
 * Up to {@link #ROWS} consecutive samples in two row-major arrays, as MLlib ships its data: one
 * object per block instead of one per sample. Sample {@code firstIndex + r} is row {@code r}.
 */
final class RowBlock implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Rows per block. */
    static final int ROWS = 128;

    final long firstIndex;
    final int rows;
    final int features;
    final int targets;
    final double[] inputs;
    final double[] outputs;

    RowBlock(long firstIndex, int rows, int features, int targets, double[] inputs, double[] outputs) {
        this.firstIndex = firstIndex;
        this.rows = rows;
        this.features = features;
        this.targets = targets;
        this.inputs = inputs;
        this.outputs = outputs;
    }
}
