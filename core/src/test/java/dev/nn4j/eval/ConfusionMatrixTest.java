package dev.nn4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    /**
     * Worked by hand (rows actual, columns predicted):
     * <pre>
     *          cat dog bird   support
     *   cat     2   1   1       4
     *   dog     1   2   0       3
     *   bird    0   1   2       3
     *   predicted 3  4   3
     * </pre>
     * precision 2/3, 1/2, 2/3; recall 1/2, 2/3, 2/3; F1 4/7, 4/7, 2/3; accuracy 6/10;
     * macro precision = macro recall = 11/18, macro F1 = 38/63.
     */
    private static ConfusionMatrix pets() {
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] predicted = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};
        return ConfusionMatrix.of(actual, predicted, List.of("cat", "dog", "bird"));
    }

    @Test
    void countsAndTotals() {
        ConfusionMatrix m = pets();
        long[][] expected = {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], m.count(i, j), "count(" + i + "," + j + ")");
            }
        }
        assertEquals(10, m.total());
        assertEquals(6, m.correct());
        assertEquals(0.6, m.accuracy(), 1e-15);
        assertEquals(4, m.support(0));
        assertEquals(4, m.predictedCount(1));
    }

    @Test
    void perClassAndMacroScoresMatchTheHandComputation() {
        ConfusionMatrix m = pets();
        double[] p = {2.0 / 3, 0.5, 2.0 / 3};
        double[] r = {0.5, 2.0 / 3, 2.0 / 3};
        double[] f1 = {4.0 / 7, 4.0 / 7, 2.0 / 3};
        for (int c = 0; c < 3; c++) {
            assertEquals(p[c], m.precision(c), 1e-15, "precision " + c);
            assertEquals(r[c], m.recall(c), 1e-15, "recall " + c);
            assertEquals(f1[c], m.f1(c), 1e-15, "f1 " + c);
        }
        assertEquals(11.0 / 18, m.macroPrecision(), 1e-15);
        assertEquals(11.0 / 18, m.macroRecall(), 1e-15);
        assertEquals(38.0 / 63, m.macroF1(), 1e-15);
    }

    @Test
    void printsAnAlignedTable() {
        assertEquals(""
                + "actual \\ predicted  cat  dog  bird\n"
                + "cat                   2    1     1\n"
                + "dog                   1    2     0\n"
                + "bird                  0    1     2\n", pets().toString());
    }

    @Test
    void printsAReport() {
        String n = System.lineSeparator();
        assertEquals(""
                + "class      precision      recall          f1     support" + n
                + "cat            0.667       0.500       0.571           4" + n
                + "dog            0.500       0.667       0.571           3" + n
                + "bird           0.667       0.667       0.667           3" + n
                + "macro avg      0.611       0.611       0.603          10" + n
                + "accuracy                               0.600          10" + n, pets().report());
    }

    @Test
    void undefinedPrecisionAndRecallAreZeroFlaggedAndNeverNaN() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1, 0}, new int[] {0, 1, 1}, 3);
        assertFalse(m.isPrecisionDefined(2));
        assertFalse(m.isRecallDefined(2));
        assertTrue(m.isPrecisionDefined(1));
        assertEquals(0, m.precision(2));
        assertEquals(0, m.recall(2));
        assertEquals(0, m.f1(2));
        assertEquals((1.0 + 0.5 + 0) / 3, m.macroPrecision(), 1e-15);
        assertEquals((0.5 + 1.0 + 0) / 3, m.macroRecall(), 1e-15);
        String report = m.report();
        assertTrue(report.contains("0.000*"), report);
        assertTrue(report.contains("* undefined (class never predicted, or never present), counted as 0"), report);
        assertFalse(report.contains("NaN"), report);
    }

    @Test
    void emptyAndInvalidUse() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        assertThrows(IllegalStateException.class, m::accuracy);
        assertEquals(0, m.macroF1());
        assertFalse(m.report().contains("accuracy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add(2, 0));
        assertTrue(e.getMessage().contains("actual 2, predicted 0; both must be in 0..1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.addAll(new int[2], new int[1]));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(1));
        m.add(1, 1);
        m.addAll(new int[] {0, 1}, new int[] {1, 1});
        assertEquals(3, m.total());
        assertEquals(2.0 / 3, m.accuracy(), 1e-15);
    }
}
