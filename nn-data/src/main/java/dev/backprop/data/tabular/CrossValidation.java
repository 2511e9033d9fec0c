package dev.backprop.data.tabular;

import dev.backprop.core.NumpyRandom;
import dev.backprop.core.train.Evaluation;
import dev.backprop.data.DataFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * k-fold cross-validation of a table: the rows dealt into k folds (seeded; stratified by the label
 * for a classification, so each fold keeps the classes' shares), each fold measured by a model
 * trained on the others, with the preprocessing fitted on those others only; then each metric's
 * mean and standard deviation over the folds.
 *
 * <pre>{@code
 * CrossValidation.Result result = CrossValidation.run(table, "species", 5, 42, (train, test, fold) -> {
 *     Preprocessor p = Preprocessor.fit(train, options);
 *     Model model = ...;                                      // built for p.inputs() and p.outputs()
 *     model.fit(p.encode(train).dataset(), fitOptions);
 *     return model.evaluate(p.encode(test).dataset());
 * });
 * result.summary();                                           // {"accuracy": [mean, deviation], ...}
 * }</pre>
 */
public final class CrossValidation {

    private CrossValidation() {}

    /** Trains on some rows and measures on the others. */
    @FunctionalInterface
    public interface Fold {
        /**
         * @param train the rows of the other folds
         * @param test this fold's rows
         * @param fold the fold, from 0
         * @return the figures of a model trained on {@code train}, measured on {@code test}
         */
        Evaluation evaluate(RawTable train, RawTable test, int fold);
    }

    /**
     * The figures of every fold.
     *
     * @param folds each fold's evaluation, in order
     */
    public record Result(List<Evaluation> folds) {

        /** @param folds each fold's evaluation */
        public Result {
            folds = List.copyOf(folds);
        }

        /** @return for the loss and each metric, its mean and its (population) standard deviation over the folds */
        public Map<String, double[]> summary() {
            Map<String, double[]> summary = new LinkedHashMap<>();
            summary.put("loss", meanAndDeviation(folds.stream().mapToDouble(Evaluation::loss).toArray()));
            for (String name : folds.get(0).metrics().keySet()) {
                summary.put(name, meanAndDeviation(folds.stream().mapToDouble(e -> e.metric(name)).toArray()));
            }
            return summary;
        }

        private static double[] meanAndDeviation(double[] values) {
            double mean = Arrays.stream(values).average().orElse(Double.NaN);
            double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
            return new double[] {mean, Math.sqrt(squares / values.length)};
        }
    }

    /**
     * Deals a table's rows into folds.
     *
     * @param table the rows
     * @param stratifyBy the column whose values each fold keeps in proportion (a classification's
     *     label), or null to deal the shuffled rows in turn
     * @param k the number of folds, from 2 to the number of rows
     * @param seed the seed of the shuffle (NumPy's)
     * @return for each fold, its rows in ascending order
     */
    public static List<int[]> folds(RawTable table, String stratifyBy, int k, long seed) {
        Objects.requireNonNull(table, "table");
        if (k < 2 || k > table.size()) {
            throw new IllegalArgumentException("folds must be from 2 to the " + table.size() + " rows, got " + k);
        }
        Map<String, List<Integer>> groups = new TreeMap<>();
        int column = stratifyBy == null ? -1 : table.indexOf(stratifyBy);
        if (stratifyBy != null && column < 0) {
            throw new DataFormatException(table.source() + ": no column '" + stratifyBy + "' to stratify by");
        }
        for (int r = 0; r < table.size(); r++) {
            groups.computeIfAbsent(column < 0 ? "" : Cells.category(table.cell(r, column)), key -> new ArrayList<>())
                    .add(r);
        }
        NumpyRandom random = new NumpyRandom(seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        // Each group shuffled and dealt in turn, continuing where the last group stopped, so that
        // fold sizes differ by at most one.
        int next = 0;
        for (List<Integer> group : groups.values()) {
            int[] rows = group.stream().mapToInt(Integer::intValue).toArray();
            random.shuffle(rows);
            for (int row : rows) {
                folds.get(next).add(row);
                next = (next + 1) % k;
            }
        }
        List<int[]> result = new ArrayList<>();
        for (List<Integer> fold : folds) {
            int[] rows = fold.stream().mapToInt(Integer::intValue).sorted().toArray();
            result.add(rows);
        }
        return result;
    }

    /**
     * Runs the folds.
     *
     * @param table the rows
     * @param stratifyBy the label of a classification, or null
     * @param k the number of folds
     * @param seed the seed of the deal
     * @param fold trains on the other folds and measures on one
     * @return every fold's figures
     */
    public static Result run(RawTable table, String stratifyBy, int k, long seed, Fold fold) {
        List<int[]> folds = folds(table, stratifyBy, k, seed);
        List<Evaluation> evaluations = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int[] test = folds.get(f);
            int[] train = new int[table.size() - test.length];
            for (int g = 0, i = 0; g < k; g++) {
                if (g != f) {
                    System.arraycopy(folds.get(g), 0, train, i, folds.get(g).length);
                    i += folds.get(g).length;
                }
            }
            Arrays.sort(train);
            evaluations.add(fold.evaluate(table.rows(train), table.rows(test), f));
        }
        return new Result(evaluations);
    }
}
