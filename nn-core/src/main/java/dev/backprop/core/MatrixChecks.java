package dev.backprop.core;

import org.ejml.data.DMatrixRMaj;

/**
 * The argument checks that every public entry of Backprop makes, so that a bad shape or value
 * fails early with a message that names the component and both shapes.
 *
 * <p>Custom layers can use the same checks to give the same kind of messages.
 */
public final class MatrixChecks {

    private MatrixChecks() {}

    /**
     * Formats a matrix's shape as {@code rows×cols}.
     *
     * @param matrix any matrix
     * @return its shape, such as {@code "4×3"}
     */
    public static String shape(DMatrixRMaj matrix) {
        return matrix.numRows + "×" + matrix.numCols;
    }

    /**
     * Checks that a batch is not null and has at least one row and one column.
     *
     * @param owner the component that checks, such as {@code "Dense(2→3)"}
     * @param what what the matrix is, such as {@code "input"}
     * @param batch the matrix to check
     * @throws IllegalArgumentException if the batch is empty
     * @throws NullPointerException if the batch is null
     */
    public static void requireNonEmpty(String owner, String what, DMatrixRMaj batch) {
        if (batch == null) {
            throw new NullPointerException(owner + ": " + what + " is null");
        }
        if (batch.numRows == 0 || batch.numCols == 0) {
            throw new IllegalArgumentException(
                    owner + ": " + what + " is an empty batch (" + shape(batch) + ")");
        }
    }

    /**
     * Checks that a non-empty batch has the expected number of columns (features).
     *
     * @param owner the component that checks
     * @param what what the matrix is
     * @param batch the matrix to check
     * @param columns the number of columns expected
     * @throws IllegalArgumentException if the batch is empty or has another number of columns
     */
    public static void requireColumns(String owner, String what, DMatrixRMaj batch, int columns) {
        requireNonEmpty(owner, what, batch);
        if (batch.numCols != columns) {
            throw new IllegalArgumentException(owner + ": " + what + " has shape " + shape(batch)
                    + ", expected n×" + columns);
        }
    }

    /**
     * Checks that a matrix has the same shape as another one.
     *
     * @param owner the component that checks
     * @param what what the matrix is
     * @param actual the matrix to check
     * @param expected the matrix whose shape it must have
     * @throws IllegalArgumentException if the shapes differ
     */
    public static void requireSameShape(
            String owner, String what, DMatrixRMaj actual, DMatrixRMaj expected) {
        requireNonEmpty(owner, what, actual);
        if (actual.numRows != expected.numRows || actual.numCols != expected.numCols) {
            throw new IllegalArgumentException(owner + ": " + what + " has shape " + shape(actual)
                    + ", expected " + shape(expected));
        }
    }

    /**
     * Checks that every entry is a finite number.
     *
     * @param owner the component that checks
     * @param what what the matrix is
     * @param matrix the matrix to check
     * @throws IllegalArgumentException naming the first row and column that holds NaN or infinity
     */
    public static void requireFinite(String owner, String what, DMatrixRMaj matrix) {
        int i = indexOfNonFinite(matrix);
        if (i >= 0) {
            throw new IllegalArgumentException(owner + ": " + what + " holds " + matrix.data[i]
                    + " at row " + i / matrix.numCols + ", column " + i % matrix.numCols);
        }
    }

    /**
     * @param matrix the matrix to scan
     * @return the row-major index of its first NaN or infinite entry, or −1 if every entry is finite
     */
    public static int indexOfNonFinite(DMatrixRMaj matrix) {
        double[] data = matrix.data;
        int size = matrix.getNumElements();
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Checks that a layer's {@code backward} follows a {@code forward}.
     *
     * @param owner the layer that checks
     * @param lastOutput the output of its last forward pass, or null if there was none
     * @param gradOutput the gradient passed to backward
     * @throws IllegalStateException if there was no forward pass
     * @throws IllegalArgumentException if the gradient's shape differs from the last output's
     */
    public static void requireBackwardFits(String owner, DMatrixRMaj lastOutput, DMatrixRMaj gradOutput) {
        if (lastOutput == null) {
            throw new IllegalStateException(owner + ": backward called before forward");
        }
        requireSameShape(owner, "gradOutput", gradOutput, lastOutput);
    }
}
