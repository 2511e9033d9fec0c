package dev.backprop.data.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.data.DataFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules both fitters follow: the label, the task and its reason, centring and scaling. */
class TabularRulesTest {

    @Test
    void theLabelIsTheColumnAskedForIgnoringCaseWhenThatIsUnambiguous() {
        List<String> columns = List.of("a", "Class", "b");
        assertEquals("Class", TabularRules.labelColumn(columns, "Class", "t"));
        assertEquals("Class", TabularRules.labelColumn(columns, "class", "t"));
        assertEquals("Class", TabularRules.labelColumn(columns, null, "t"), "a usual name, ignoring case");
        assertEquals("b", TabularRules.labelColumn(List.of("a", "b"), null, "t"), "else the last column");
        DataFormatException twins = assertThrows(DataFormatException.class,
                () -> TabularRules.labelColumn(List.of("Kind", "kind", "x"), "KIND", "t.csv"));
        assertEquals("t.csv: no label column 'KIND'; the columns are [Kind, kind, x]", twins.getMessage());
    }

    @Test
    void theTaskAndItsReason() {
        assertEquals(new TabularRules.TaskChoice(Task.CLASSIFICATION, "the label column 'y' holds text"),
                TabularRules.task(Task.AUTO, "y", false, false, 3));
        assertEquals(new TabularRules.TaskChoice(Task.CLASSIFICATION, "the label column 'y' holds 20 distinct whole "
                + "numbers"), TabularRules.task(Task.AUTO, "y", true, true, 20));
        assertEquals(new TabularRules.TaskChoice(Task.REGRESSION, "the label column 'y' holds 21 distinct whole numbers; "
                + "--task classification says otherwise"), TabularRules.task(Task.AUTO, "y", true, true, 21));
        assertEquals(Task.REGRESSION, TabularRules.task(Task.AUTO, "y", true, false, 2).task());
        assertEquals(new TabularRules.TaskChoice(Task.REGRESSION, "asked for"),
                TabularRules.task(Task.REGRESSION, "y", true, true, 2));
        DataFormatException one = assertThrows(DataFormatException.class,
                () -> TabularRules.requireClasses("t.csv", "y", List.of("yes")));
        assertTrue(one.getMessage().contains("every label in column 'y' is yes"), one.getMessage());
    }

    @Test
    void numericFeaturesAreCentredAndScaledAndNeverDividedByZero() {
        assertEquals(new Feature("x", true, 2, 0.5, 1, List.of()),
                TabularRules.numericFeature("x", Scaling.STANDARD, 2, 0.5, 1, 3, 1));
        assertEquals(new Feature("x", true, 1, 2, Double.NaN, List.of()),
                TabularRules.numericFeature("x", Scaling.MINMAX, 2, 0.5, 1, 3, Double.NaN));
        assertEquals(new Feature("x", true, 0, 1, 0, List.of()),
                TabularRules.numericFeature("x", Scaling.NONE, 2, 0.5, 1, 3, 0));
        assertEquals(1, TabularRules.numericFeature("c", Scaling.STANDARD, 4, 0, 4, 4, 4).scale(), "a constant column");
        assertEquals(1, TabularRules.numericFeature("c", Scaling.MINMAX, 4, 0, 4, 4, 4).scale());
        assertEquals(1, TabularRules.targetScale(0));
        assertEquals(2.5, TabularRules.targetScale(2.5));
    }

    @Test
    void aPreprocessingFromDecisionsMadeElsewhereEncodesAsAFittedOne() {
        RawTable table = new RawTable("t", List.of("x", "colour", "y"),
                List.of(new String[] {"1", "red", "a"}, new String[] {"3", "blue", "b"}));
        Preprocessor fitted = Preprocessor.fit(table, TabularOptions.defaults());
        Preprocessor made = Preprocessor.of("y", fitted.features(),
                new TabularRules.TaskChoice(fitted.task(), fitted.taskReason()), fitted.classNames(), 0, 1,
                TabularOptions.defaults());
        assertEquals(fitted.config(), made.config());
        assertThrows(IllegalArgumentException.class, () -> Preprocessor.of("y", fitted.features(),
                new TabularRules.TaskChoice(Task.AUTO, "?"), fitted.classNames(), 0, 1, TabularOptions.defaults()));
    }
}
