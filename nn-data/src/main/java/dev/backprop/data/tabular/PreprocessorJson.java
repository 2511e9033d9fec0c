package dev.backprop.data.tabular;

import dev.backprop.core.component.Config;
import dev.backprop.core.component.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Preprocessor} as the JSON values a model file keeps, and back. */
final class PreprocessorJson {

    private PreprocessorJson() {}

    static Map<String, Object> write(Preprocessor preprocessor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", preprocessor.label());
        json.put("task", preprocessor.task().toString());
        json.put("taskReason", preprocessor.taskReason());
        json.put("missing", preprocessor.missing().toString());
        json.put("unknownIsError", preprocessor.unknownIsError());
        if (preprocessor.task() == Task.CLASSIFICATION) {
            json.put("classes", preprocessor.classNames());
        } else {
            json.put("targetMean", preprocessor.targetMean());
            json.put("targetScale", preprocessor.targetScale());
        }
        List<Object> columns = new ArrayList<>();
        preprocessor.features().forEach(feature -> columns.add(feature.config()));
        json.put("features", columns);
        return json;
    }

    @SuppressWarnings("unchecked")
    static Preprocessor read(Config config) {
        Task task;
        MissingValues missing;
        try {
            task = Task.parse(config.string("task"));
            missing = MissingValues.parse(config.string("missing"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.owner() + ": " + e.getMessage(), e);
        }
        if (task == Task.AUTO) {
            throw new ConfigException(config.owner() + ": a fitted task is classification or regression");
        }
        List<String> classes = task == Task.CLASSIFICATION ? strings(config, "classes") : List.of();
        if (task == Task.CLASSIFICATION && classes.size() < 2) {
            throw new ConfigException(config.owner() + ": a classification needs at least two classes");
        }
        double mean = task == Task.REGRESSION ? config.number("targetMean") : 0;
        double scale = task == Task.REGRESSION ? config.number("targetScale") : 1;
        if (!(scale > 0)) {
            throw new ConfigException(config.owner() + ": targetScale must be positive");
        }
        if (!(config.values().get("features") instanceof List<?> list) || list.isEmpty() || list.size() > 1_000_000) {
            throw new ConfigException(config.owner() + ": 'features' should be a non-empty list");
        }
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new ConfigException(config.owner() + ": feature " + i + " should be a JSON object");
            }
            features.add(feature(new Config(config.owner() + ".features[" + i + "]", (Map<String, Object>) map)));
        }
        return new Preprocessor(config.string("label"), features, task, classes, mean, scale, missing,
                config.bool("unknownIsError", false), config.has("taskReason") ? config.string("taskReason") : "saved");
    }

    private static Feature feature(Config feature) {
        boolean numeric = switch (feature.string("type")) {
            case "numeric" -> true;
            case "categorical" -> false;
            default -> throw new ConfigException(feature.owner() + ": type is numeric or categorical");
        };
        double fill = feature.has("fill") ? feature.number("fill") : Double.NaN;
        List<String> categories = numeric ? List.of() : strings(feature, "categories");
        if (!numeric && (categories.isEmpty() || !Double.isNaN(fill) && (fill < 0 || fill >= categories.size()
                || fill != Math.rint(fill)))) {
            throw new ConfigException(feature.owner() + ": needs categories, and a fill among them");
        }
        double featureScale = numeric ? feature.number("scale") : 1;
        if (!(featureScale > 0)) {
            throw new ConfigException(feature.owner() + ": scale must be positive");
        }
        boolean indicator = feature.bool("missingIndicator", false);
        boolean clip = feature.bool("smoothClip", false);
        if ((indicator || clip) && !numeric) {
            throw new ConfigException(feature.owner() + ": only a number has a missing indicator or a clip");
        }
        return new Feature(feature.string("name"), numeric, numeric ? feature.number("center") : 0, featureScale, fill,
                categories, indicator, clip);
    }

    private static List<String> strings(Config config, String key) {
        if (!(config.values().get(key) instanceof List<?> list)) {
            throw new ConfigException(config.owner() + ": '" + key + "' should be a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String string)) {
                throw new ConfigException(config.owner() + ": '" + key + "' should be a list of strings");
            }
            strings.add(string);
        }
        return strings;
    }
}
