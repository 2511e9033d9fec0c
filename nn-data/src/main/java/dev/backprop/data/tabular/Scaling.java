package dev.backprop.data.tabular;

import java.util.Locale;

/** How numeric features are scaled, fitted on the training rows. */
public enum Scaling {
    /** {@code (x − mean) / standard deviation}: scikit-learn's StandardScaler, the default. */
    STANDARD,
    /** {@code (x − min) / (max − min)}, into [0, 1] on the training rows. */
    MINMAX,
    /** As the file has them. */
    NONE,
    /**
     * {@code z = (x − median) / interquartile range} (half the range where the quartiles are equal,
     * 1 where every value is), then smoothly clipped, {@code z / sqrt(1 + (z/3)²)}, into (−3, 3):
     * RealMLP's robust scaling, which outliers do not stretch.
     */
    ROBUST;

    /**
     * @param name {@code standard}, {@code minmax}, {@code none} or {@code robust}
     * @return the scaling
     * @throws IllegalArgumentException for another name
     */
    public static Scaling parse(String name) {
        for (Scaling scaling : values()) {
            if (scaling.name().equalsIgnoreCase(name.replace("-", ""))) {
                return scaling;
            }
        }
        throw new IllegalArgumentException("Unknown scaling '" + name + "': use standard, minmax, none or robust");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
