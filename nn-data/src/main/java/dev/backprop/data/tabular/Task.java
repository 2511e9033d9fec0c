package dev.backprop.data.tabular;

import java.util.Locale;

/** What a model learns from a label column. */
public enum Task {
    /** Decided from the label column: text, or few whole numbers, is classification; else regression. */
    AUTO,
    /** One of a set of classes, binary or multi-class. */
    CLASSIFICATION,
    /** A number. */
    REGRESSION;

    /**
     * @param name {@code auto}, {@code classification} or {@code regression}, in any case
     * @return the task
     * @throws IllegalArgumentException for another name
     */
    public static Task parse(String name) {
        for (Task task : values()) {
            if (task.name().equalsIgnoreCase(name)) {
                return task;
            }
        }
        throw new IllegalArgumentException("Unknown task '" + name + "': use auto, classification or regression");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
