package dev.backprop.examples.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which command lines start the products' choice early: those that compute, not help or Spark. */
class EarlyStartTest {

    @Test
    void computingCommandsStartEarly() {
        assertTrue(EarlyStart.computes(new String[0]), "no arguments trains the spiral");
        assertTrue(EarlyStart.computes(new String[] {"train", "--dataset", "spiral"}));
        assertTrue(EarlyStart.computes(new String[] {"evaluate", "--model", "m.zip", "--data", "t.csv"}));
        assertTrue(EarlyStart.computes(new String[] {"predict", "--model", "m.zip"}));
        assertTrue(EarlyStart.computes(new String[] {"cv", "--folds", "5"}));
    }

    @Test
    void helpInspectionAndSparkDoNot() {
        assertFalse(EarlyStart.computes(new String[] {"--help"}));
        assertFalse(EarlyStart.computes(new String[] {"-V"}));
        assertFalse(EarlyStart.computes(new String[] {"train", "--help"}));
        assertFalse(EarlyStart.computes(new String[] {"predict", "-h"}));
        assertFalse(EarlyStart.computes(new String[] {"inspect", "m.zip"}));
        assertFalse(EarlyStart.computes(new String[] {"export", "m.zip"}));
        assertFalse(EarlyStart.computes(new String[] {"spark", "--master", "local[2]"}));
        assertFalse(EarlyStart.computes(new String[] {"help", "train"}));
    }

    @Test
    void verboseRunsChooseWhenTheLevelIsSet() {
        assertFalse(EarlyStart.computes(new String[] {"train", "--verbose"}));
        assertFalse(EarlyStart.computes(new String[] {"train", "-v"}));
        assertFalse(EarlyStart.computes(new String[] {"predict", "-qv", "--model", "m.zip"}));
        assertTrue(EarlyStart.computes(new String[] {"train", "-q", "--label-column", "value"}));
    }
}
