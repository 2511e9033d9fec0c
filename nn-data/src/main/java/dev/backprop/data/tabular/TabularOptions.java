package dev.backprop.data.tabular;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Preprocessor} is told about a table before it fits it: the label column, which
 * columns are categorical though they hold numbers, what to do with missing cells and with
 * categories training never saw, how to scale numbers, and the task.
 *
 * @param label the label column's name, or null for the first of {@code label}, {@code target},
 *     {@code class}, {@code y} that the table has, else its last column
 * @param categorical columns to one-hot encode even though they hold numbers
 * @param missing what to do with missing cells
 * @param scaling how numeric features are scaled
 * @param unknownIsError whether a category training never saw is an error (else it encodes as
 *     all zeros, and is counted)
 * @param task the task, or {@link Task#AUTO}
 */
public record TabularOptions(String label, Set<String> categorical, MissingValues missing, Scaling scaling,
        boolean unknownIsError, Task task) {

    /** The names a label column has when nobody says which it is, in the order they are tried. */
    public static final List<String> USUAL_LABELS = List.of("label", "target", "class", "y");

    /**
     * @param label the label column, or null to guess
     * @param categorical columns to treat as categories
     * @param missing what to do with missing cells
     * @param scaling how to scale numbers
     * @param unknownIsError whether an unseen category is an error
     * @param task the task
     */
    public TabularOptions {
        categorical = Set.copyOf(categorical);
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(task, "task");
    }

    /**
     * @return the defaults: guessed label, inferred types, missing cells filled with a missing
     *     indicator ({@link MissingValues#INDICATE}), standard scaling, auto task
     */
    public static TabularOptions defaults() {
        return new TabularOptions(null, Set.of(), MissingValues.INDICATE, Scaling.STANDARD, false, Task.AUTO);
    }

    /**
     * @param column the label column
     * @return these options with it
     */
    public TabularOptions withLabel(String column) {
        return new TabularOptions(column, categorical, missing, scaling, unknownIsError, task);
    }

    /**
     * @param columns columns to one-hot encode though they hold numbers
     * @return these options with them
     */
    public TabularOptions withCategorical(Set<String> columns) {
        return new TabularOptions(label, columns, missing, scaling, unknownIsError, task);
    }

    /**
     * @param strategy what to do with missing cells
     * @return these options with it
     */
    public TabularOptions withMissing(MissingValues strategy) {
        return new TabularOptions(label, categorical, strategy, scaling, unknownIsError, task);
    }

    /**
     * @param how how to scale numeric features
     * @return these options with it
     */
    public TabularOptions withScaling(Scaling how) {
        return new TabularOptions(label, categorical, missing, how, unknownIsError, task);
    }

    /**
     * @param error whether a category training never saw is an error
     * @return these options with it
     */
    public TabularOptions withUnknownIsError(boolean error) {
        return new TabularOptions(label, categorical, missing, scaling, error, task);
    }

    /**
     * @param what the task
     * @return these options with it
     */
    public TabularOptions withTask(Task what) {
        return new TabularOptions(label, categorical, missing, scaling, unknownIsError, what);
    }
}
