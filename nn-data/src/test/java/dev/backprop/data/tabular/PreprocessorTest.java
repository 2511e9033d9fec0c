package dev.backprop.data.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.core.component.Config;
import dev.backprop.data.DataFormatException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

    private static RawTable table(String... lines) {
        List<String> columns = List.of(lines[0].split(","));
        List<String[]> rows = new java.util.ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            rows.add(lines[i].split(",", -1));
        }
        return new RawTable("t.csv", columns, rows);
    }

    @Test
    void numbersAreStandardisedCategoriesOneHotAndTextLabelsNamed() {
        RawTable train = table("x,constant,colour,label", "1,5,red,yes", "2,5,blue,no", "3,5,red,yes", "6,5,green,no");
        Preprocessor p = Preprocessor.fit(train, TabularOptions.defaults());
        assertEquals(Task.CLASSIFICATION, p.task());
        assertEquals(List.of("no", "yes"), p.classNames(), "sorted");
        assertEquals(List.of("x", "constant", "colour"), p.featureNames());
        assertEquals(1 + 1 + 3, p.inputs());
        Preprocessor.Encoded encoded = p.encode(train);
        // x: mean 3, population deviation √(14/4); the constant column divides by 1, not 0;
        // colours sorted blue, green, red.
        double sd = Math.sqrt(14 / 4.0);
        assertArrayEquals(new double[] {(1 - 3) / sd, 0, 0, 0, 1}, row(encoded, 0), 1e-12);
        assertArrayEquals(new double[] {(6 - 3) / sd, 0, 0, 1, 0}, row(encoded, 3), 1e-12);
        assertArrayEquals(new double[] {1, 0, 1, 0}, encoded.targets().data, 0.0);
    }

    private static double[] row(Preprocessor.Encoded encoded, int r) {
        double[] row = new double[encoded.inputs().numCols];
        System.arraycopy(encoded.inputs().data, r * row.length, row, 0, row.length);
        return row;
    }

    @Test
    void minMaxAndNoScalingAndForcedCategories() {
        RawTable train = table("x,code,y", "2,1,a", "4,2,b", "10,1,a");
        Preprocessor minmax = Preprocessor.fit(train, TabularOptions.defaults().withScaling(Scaling.MINMAX)
                .withCategorical(Set.of("code")));
        assertArrayEquals(new double[] {0.25, 0, 1}, row(minmax.encode(train), 1), 1e-15);
        Preprocessor none = Preprocessor.fit(train, TabularOptions.defaults().withScaling(Scaling.NONE));
        assertArrayEquals(new double[] {10, 1}, row(none.encode(train), 2), 0.0);
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> Preprocessor.fit(train, TabularOptions.defaults().withCategorical(Set.of("nope"))));
        assertTrue(error.getMessage().contains("nope"), error.getMessage());
    }

    @Test
    void theTaskIsGuessedAndSaysWhy() {
        Preprocessor classes = Preprocessor.fit(table("x,grade", "1,3", "2,4", "3,3", "4,10"), TabularOptions.defaults());
        assertEquals(Task.CLASSIFICATION, classes.task());
        assertEquals(List.of("3", "4", "10"), classes.classNames(), "numeric classes sort as numbers");
        assertTrue(classes.taskReason().contains("3 distinct whole numbers"), classes.taskReason());

        StringBuilder many = new StringBuilder("x,progression");
        for (int i = 0; i < 40; i++) {
            many.append('\n').append(i).append(',').append(25 + 7 * i);
        }
        RawTable regression = table(many.toString().split("\n"));
        Preprocessor p = Preprocessor.fit(regression, TabularOptions.defaults());
        assertEquals(Task.REGRESSION, p.task());
        assertTrue(p.taskReason().contains("40 distinct whole numbers"), p.taskReason());
        Preprocessor.Encoded encoded = p.encode(regression);
        double mean = 25 + 7 * 19.5;
        assertEquals(mean, p.targetMean(), 1e-9);
        assertEquals((25 - mean) / p.targetScale(), encoded.targets().data[0], 1e-12);
        assertEquals(25, p.toTargetUnits(encoded.targets()).data[0], 1e-9, "outputs go back to the target's units");
        assertEquals(Task.CLASSIFICATION, Preprocessor.fit(regression,
                TabularOptions.defaults().withTask(Task.CLASSIFICATION)).task());

        DataFormatException one = assertThrows(DataFormatException.class,
                () -> Preprocessor.fit(table("x,label", "1,a", "2,a"), TabularOptions.defaults()));
        assertTrue(one.getMessage().contains("at least two classes"), one.getMessage());
        DataFormatException text = assertThrows(DataFormatException.class, () -> Preprocessor.fit(
                table("x,label", "1,a", "2,b"), TabularOptions.defaults().withTask(Task.REGRESSION)));
        assertTrue(text.getMessage().contains("needs numbers"), text.getMessage());
    }

    @Test
    void missingCellsAreErrorsUnlessAStrategyFillsThem() {
        RawTable train = table("x,colour,label", "1,red,a", ",blue,b", "5,NA,a", "6,blue,b");
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> Preprocessor.fit(train, TabularOptions.defaults().withMissing(MissingValues.ERROR)));
        assertTrue(error.getMessage().contains("t.csv: line 3, column 'x' is missing"), error.getMessage());

        Preprocessor mean = Preprocessor.fit(train, TabularOptions.defaults().withMissing(MissingValues.MEAN)
                .withScaling(Scaling.NONE));
        assertArrayEquals(new double[] {4, 1, 0}, row(mean.encode(train), 1), 1e-12, "mean of 1, 5, 6");
        assertArrayEquals(new double[] {5, 1, 0}, row(mean.encode(train), 2), 1e-12, "most frequent colour: blue");
        Preprocessor median = Preprocessor.fit(train, TabularOptions.defaults().withMissing(MissingValues.MEDIAN)
                .withScaling(Scaling.NONE));
        assertEquals(5, row(median.encode(train), 1)[0], 0.0);
        Preprocessor drop = Preprocessor.fit(train, TabularOptions.defaults().withMissing(MissingValues.DROP_ROWS));
        Preprocessor.Encoded kept = drop.encode(train);
        assertArrayEquals(new int[] {0, 3}, kept.rows());
        assertEquals(2, kept.inputs().numRows);
    }

    @Test
    void byDefaultAMissingNumberIsItsMedianWithAnIndicatorAndAMissingCategoryACategory() {
        RawTable train = table("x,y,colour,label", "1,7,red,a", ",8,blue,b", "5,9,NA,a", "6,10,blue,b");
        Preprocessor fitted = Preprocessor.fit(train, TabularOptions.defaults().withScaling(Scaling.NONE));
        assertEquals(List.of(new Feature("x", true, 0, 1, 5, List.of(), true),
                new Feature("y", true, 0, 1, 8.5, List.of(), false),
                new Feature("colour", false, 0, 1, 2, List.of("blue", "red", MissingValues.MISSING_CATEGORY))),
                fitted.features(), "an indicator only where training had missing cells");
        assertEquals(2 + 1 + 3, fitted.inputs());
        Preprocessor.Encoded encoded = fitted.encode(train);
        assertArrayEquals(new double[] {1, 0, 7, 0, 1, 0}, row(encoded, 0), 0.0);
        assertArrayEquals(new double[] {5, 1, 8, 1, 0, 0}, row(encoded, 1), 0.0, "the median of 1, 5, 6 and 1: missing");
        assertArrayEquals(new double[] {5, 0, 9, 0, 0, 1}, row(encoded, 2), 0.0, "NA: the missing category");
        RawTable later = table("x,y,colour,label", "2,,blue,a");
        assertArrayEquals(new double[] {2, 0, 8.5, 1, 0, 0}, row(fitted.encode(later), 0), 0.0,
                "y had no missing cell in training: its median, no indicator");
        assertEquals(fitted.features(), Preprocessor.fromConfig(new dev.backprop.core.component.Config("saved",
                fitted.config())).features(), "saved and read back");
    }

    @Test
    void robustScalingCentresOnTheMedianDividesByTheInterquartileRangeAndClipsSmoothly() {
        // NumPy: np.percentile([1, ..., 9, 100], [25, 50, 75]) = [3.25, 5.5, 7.75]
        assertEquals(3.25, TabularRules.quantile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 100}, 0.25), 1e-15);
        assertEquals(7.75, TabularRules.quantile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 100}, 0.75), 1e-15);
        String[] lines = new String[11];
        lines[0] = "x,flat,spike,label";
        for (int i = 1; i <= 10; i++) {
            lines[i] = (i == 10 ? 100 : i) + ",4," + (i >= 9 ? 10 * (i - 8) : 0) + "," + (i % 2 == 0 ? "a" : "b");
        }
        Preprocessor robust = Preprocessor.fit(table(lines), TabularOptions.defaults().withScaling(Scaling.ROBUST));
        Feature x = robust.features().get(0);
        assertEquals(new Feature("x", true, 5.5, 4.5, 5.5, List.of(), false, true), x);
        double z = (100 - 5.5) / 4.5;
        assertEquals(z / Math.sqrt(1 + z * z / 9), x.encode(100), 1e-15);
        assertEquals(21 / Math.sqrt(50), x.encode(100), 1e-12, "an outlier stays inside (−3, 3)");
        assertEquals(1, robust.features().get(1).scale(), "a constant column divides by 1");
        assertEquals(10, robust.features().get(2).scale(), "equal quartiles: half the range, (20 − 0) / 2");
        assertArrayEquals(new double[] {x.encode(1), 0, robust.features().get(2).encode(0)},
                row(robust.encode(table(lines)), 0), 1e-15);
        assertEquals(robust.features(), Preprocessor.fromConfig(new dev.backprop.core.component.Config("saved",
                robust.config())).features(), "saved and read back");
    }

    @Test
    void unseenCategoriesEncodeAsZerosOrFail() {
        RawTable train = table("colour,label", "red,a", "blue,b");
        RawTable test = table("colour,label", "green,a", "red,a");
        Preprocessor.Encoded encoded = Preprocessor.fit(train, TabularOptions.defaults()).encode(test);
        assertEquals(1, encoded.unknownCategories());
        assertArrayEquals(new double[] {0, 0, 0, 1}, encoded.inputs().data, 0.0);
        DataFormatException error = assertThrows(DataFormatException.class, () -> Preprocessor.fit(train,
                TabularOptions.defaults().withUnknownIsError(true)).encode(test));
        assertTrue(error.getMessage().contains("line 2, column 'colour' holds 'green'"), error.getMessage());
    }

    @Test
    void aTestTableMustHaveTheModelsColumnsInAnyOrderTheLabelOptional() {
        Preprocessor p = Preprocessor.fit(table("a,b,label", "1,2,x", "3,5,y"), TabularOptions.defaults());
        Preprocessor.Encoded reordered = p.encode(table("b,a", "2,1"));
        assertEquals(null, reordered.targets(), "no label column: no targets");
        assertArrayEquals(row(p.encode(table("a,b,label", "1,2,x")), 0), row(reordered, 0), 0.0);
        assertTrue(assertThrows(DataFormatException.class, () -> p.encode(table("a,label", "1,x")))
                .getMessage().contains("the model's column 'b' is not in the file"));
        assertTrue(assertThrows(DataFormatException.class, () -> p.encode(table("a,b,c,label", "1,2,3,x")))
                .getMessage().contains("column 'c' is not one the model was trained on"));
        assertTrue(assertThrows(DataFormatException.class, () -> p.encode(table("a,b,label", "1,2,z")))
                .getMessage().contains("label 'z' is not one of the classes"));
    }

    @Test
    void theConfigMakesTheSameEncoding() {
        RawTable train = table("x,colour,label", "1,red,a", ",blue,b", "5,NA,a", "6,blue,b");
        Preprocessor p = Preprocessor.fit(train, TabularOptions.defaults().withMissing(MissingValues.MEDIAN));
        Preprocessor again = Preprocessor.fromConfig(new Config("file", p.config()));
        assertEquals(p.config(), again.config());
        assertArrayEquals(p.encode(train).inputs().data, again.encode(train).inputs().data, 0.0);
        assertArrayEquals(p.encode(train).targets().data, again.encode(train).targets().data, 0.0);
    }

    @Test
    void aGeneratedTableOfRealShape() {
        String csv = MixedTable.csv(400, 1, 0);
        String[] lines = csv.split("\n");
        RawTable table = table(lines);
        Preprocessor p = Preprocessor.fit(table, TabularOptions.defaults().withLabel("label"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), p.classNames());
        Preprocessor.Encoded encoded = p.encode(table);
        // Every numeric input is standardised: mean 0, deviation 1, whatever its magnitude in the file.
        for (int column = 0; column < 3; column++) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < encoded.inputs().numRows; r++) {
                sum += encoded.inputs().get(r, column);
                squares += encoded.inputs().get(r, column) * encoded.inputs().get(r, column);
            }
            assertEquals(0, sum / 400, 1e-12);
            assertEquals(1, squares / 400, 1e-9);
        }
    }

    @Test
    void theLabelColumnIsTheOneAskedForElseAUsualNameElseTheLast() {
        assertEquals("b", Preprocessor.labelColumn(List.of("a", "b", "Target"), "b", "t.csv"));
        assertEquals("Target", Preprocessor.labelColumn(List.of("a", "Target", "c"), null, "t.csv"));
        assertEquals("c", Preprocessor.labelColumn(List.of("a", "b", "c"), null, "t.csv"));
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> Preprocessor.labelColumn(List.of("a", "b"), "kind", "t.csv"));
        assertEquals("t.csv: no label column 'kind'; the columns are [a, b]", error.getMessage());
    }

    @Test
    void numericClassesAreNamedWithoutDecimalsWhenWhole() {
        assertEquals("3", Preprocessor.className(3.0));
        assertEquals("-1", Preprocessor.className(-1.0));
        assertEquals("2.5", Preprocessor.className(2.5));
    }
}
