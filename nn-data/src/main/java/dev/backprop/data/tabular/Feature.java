package dev.backprop.data.tabular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fitted feature column of a {@link Preprocessor}: a number scaled as {@code (x − center) / scale}, or a category one-hot
 * encoded over the categories training saw; {@code fill} replaces a missing cell (a number, or the
 * index of a category).
 *
 * @param name the column's name
 * @param numeric whether it holds numbers
 * @param center subtracted from a number
 * @param scale a number is divided by it; never 0
 * @param fill the value of a missing number, or the category index of a missing category; NaN when
 *     missing cells are errors
 * @param categories the categories, in encoding order; empty for a number
 * @param missingIndicator whether a number has a second input, 1 where the cell was missing and 0
 *     elsewhere ({@link MissingValues#INDICATE} gives one to a column with missing training cells)
 * @param smoothClip whether a scaled number {@code z} becomes {@code z / sqrt(1 + (z/3)²)}
 *     ({@link Scaling#ROBUST})
 * @serial exclude
 */
public record Feature(String name, boolean numeric, double center, double scale, double fill,
        List<String> categories, boolean missingIndicator, boolean smoothClip) implements java.io.Serializable {

    /**
     * Keeps an unmodifiable copy of the categories.
     *
     * @param name the column's name
     * @param numeric whether it holds numbers
     * @param center subtracted from a number
     * @param scale a number is divided by it; never 0
     * @param fill the value of a missing number, or the category index of a missing category
     * @param categories the categories, in encoding order; empty for a number
     * @param missingIndicator whether a number has a second input, 1 where the cell was missing
     * @param smoothClip whether a scaled number {@code z} becomes {@code z / sqrt(1 + (z/3)²)}
     * @throws IllegalArgumentException if a category has an indicator or is clipped
     */
    public Feature {
        categories = List.copyOf(categories);
        if ((missingIndicator || smoothClip) && !numeric) {
            throw new IllegalArgumentException("column '" + name + "': only a number has a missing indicator or a clip");
        }
    }

    /**
     * A feature without smooth clipping.
     *
     * @param name the column's name
     * @param numeric whether it holds numbers
     * @param center subtracted from a number
     * @param scale a number is divided by it; never 0
     * @param fill the value of a missing number, or the category index of a missing category
     * @param categories the categories, in encoding order; empty for a number
     * @param missingIndicator whether a number has a second input, 1 where the cell was missing
     */
    public Feature(String name, boolean numeric, double center, double scale, double fill, List<String> categories,
            boolean missingIndicator) {
        this(name, numeric, center, scale, fill, categories, missingIndicator, false);
    }

    /**
     * @param value a cell's number (or the fill of a missing one)
     * @return its encoded input: centred, scaled and, with {@link #smoothClip()}, clipped smoothly
     */
    public double encode(double value) {
        double z = (value - center) / scale;
        return smoothClip ? z / Math.sqrt(1 + (z / 3) * (z / 3)) : z;
    }

    /**
     * A feature without a missing indicator.
     *
     * @param name the column's name
     * @param numeric whether it holds numbers
     * @param center subtracted from a number
     * @param scale a number is divided by it; never 0
     * @param fill the value of a missing number, or the category index of a missing category
     * @param categories the categories, in encoding order; empty for a number
     */
    public Feature(String name, boolean numeric, double center, double scale, double fill, List<String> categories) {
        this(name, numeric, center, scale, fill, categories, false);
    }

    /** @return the encoded columns it takes: 1 for a number (2 with its missing indicator), one per category */
    public int width() {
        return numeric ? (missingIndicator ? 2 : 1) : categories.size();
    }

    Map<String, Object> config() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", numeric ? "numeric" : "categorical");
        if (numeric) {
            json.put("center", center);
            json.put("scale", scale);
        } else {
            json.put("categories", categories);
        }
        if (!Double.isNaN(fill)) {
            json.put("fill", fill);
        }
        if (missingIndicator) {
            json.put("missingIndicator", true);
        }
        if (smoothClip) {
            json.put("smoothClip", true);
        }
        return json;
    }
}
