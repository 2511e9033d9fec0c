package dev.backprop.data.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.train.Evaluation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    /** 70 rows of class a, 20 of b, 10 of c. */
    private static RawTable imbalanced() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new String[] {Integer.toString(i), i < 70 ? "a" : i < 90 ? "b" : "c"});
        }
        return new RawTable("t.csv", List.of("x", "label"), rows);
    }

    @Test
    void foldsPartitionTheRowsKeepTheClassSharesAndFollowTheSeed() {
        RawTable table = imbalanced();
        List<int[]> folds = CrossValidation.folds(table, "label", 5, 3);
        Set<Integer> seen = new HashSet<>();
        for (int[] fold : folds) {
            assertEquals(20, fold.length);
            int a = 0;
            int b = 0;
            for (int row : fold) {
                assertTrue(seen.add(row), "row " + row + " is in one fold only");
                a += row < 70 ? 1 : 0;
                b += row >= 70 && row < 90 ? 1 : 0;
            }
            assertEquals(14, a, "each fold keeps 70 % of a");
            assertEquals(4, b, "and 20 % of b");
        }
        assertEquals(100, seen.size());
        assertArrayEquals(folds.get(2), CrossValidation.folds(table, "label", 5, 3).get(2), "the same seed, the same folds");
        assertTrue(!java.util.Arrays.equals(folds.get(0), CrossValidation.folds(table, "label", 5, 4).get(0)));
    }

    @Test
    void theFoldsTrainOnTheOthersAndTheSummaryIsMeanAndDeviation() {
        RawTable table = imbalanced();
        double[] accuracies = {0.8, 0.9, 1.0};
        CrossValidation.Result result = CrossValidation.run(table, null, 3, 0, (train, test, fold) -> {
            assertEquals(100, train.size() + test.size());
            for (int r = 0; r < test.size(); r++) {
                for (int t = 0; t < train.size(); t++) {
                    assertTrue(!train.cell(t, 0).equals(test.cell(r, 0)), "a test row is not trained on");
                }
            }
            return new Evaluation(fold, 0, Map.of("accuracy", accuracies[fold]), test.size());
        });
        assertEquals(3, result.folds().size());
        assertArrayEquals(new double[] {0.9, Math.sqrt(0.02 / 3)}, result.summary().get("accuracy"), 1e-12);
        assertArrayEquals(new double[] {1, Math.sqrt(2 / 3.0)}, result.summary().get("loss"), 1e-12);
    }
}
