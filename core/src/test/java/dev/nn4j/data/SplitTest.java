package dev.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {
    /** Ten samples, feature = index, label = index % 2. */
    private static Dataset ten() {
        float[] x = new float[10];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i;
            y[i] = i % 2;
        }
        return Dataset.classification(x, 1, y, 2);
    }

    @Test
    void partsAreDisjointCompleteSortedAndSized() {
        Split s = Split.of(ten(), 0.3, 11);
        float[] val = s.validation().features();
        float[] train = s.train().features();
        assertEquals(3, val.length);
        assertEquals(7, train.length);
        float[] all = new float[10];
        System.arraycopy(val, 0, all, 0, 3);
        System.arraycopy(train, 0, all, 3, 7);
        Arrays.sort(all);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
        assertTrue(IntStream.range(1, 3).allMatch(i -> val[i] > val[i - 1]));
        assertTrue(IntStream.range(1, 7).allMatch(i -> train[i] > train[i - 1]));
        for (int i = 0; i < 3; i++) {
            assertEquals((int) val[i] % 2, s.validation().labels()[i]);
        }
    }

    @Test
    void deterministicForASeed() {
        assertArrayEquals(Split.of(ten(), 0.3, 11).validation().features(),
                Split.of(ten(), 0.3, 11).validation().features());
        assertFalse(Arrays.equals(Split.of(ten(), 0.3, 11).validation().features(),
                Split.of(ten(), 0.3, 12).validation().features()));
    }

    @Test
    void fractionsThatLeaveAPartEmptyAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Split.of(ten(), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.of(ten(), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Split.of(ten(), Double.NaN, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.of(ten(), 0.01, 1));
        assertTrue(e.getMessage().contains("gives 0 validation and 10 training samples"), e.getMessage());
    }
}
