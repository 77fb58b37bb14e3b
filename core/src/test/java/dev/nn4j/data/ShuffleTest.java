package dev.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShuffleTest {
    @Test
    void sameSeedSameOrderOtherSeedOtherOrder() {
        int[] a = Shuffle.permutation(50, 42);
        assertArrayEquals(a, Shuffle.permutation(50, 42));
        assertFalse(Arrays.equals(a, Shuffle.permutation(50, 43)));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        int[] identity = new int[50];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sorted);
        assertFalse(Arrays.equals(identity, a));
    }

    @Test
    void everyPermutationOfThreeIsAboutEquallyLikely() {
        Map<String, Integer> counts = new HashMap<>();
        int trials = 6000;
        for (int seed = 0; seed < trials; seed++) {
            counts.merge(Arrays.toString(Shuffle.permutation(3, seed)), 1, Integer::sum);
        }
        assertEquals(6, counts.size());
        // expected 1000 each, standard deviation about 29; 150 is over five deviations
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            assertTrue(Math.abs(e.getValue() - 1000) < 150, e.toString());
        }
    }

    @Test
    void shuffledDatasetKeepsEachSampleWhole() {
        Dataset d = DatasetTest.sample();
        Dataset s = Shuffle.dataset(d, 7);
        int[] order = Shuffle.permutation(4, 7);
        for (int i = 0; i < 4; i++) {
            int from = order[i];
            assertEquals(from, s.features()[2 * i]);
            assertEquals(10f * from, s.features()[2 * i + 1]);
            assertEquals(d.labels()[from], s.labels()[i]);
        }
        assertArrayEquals(s.features(), Shuffle.dataset(d, 7).features());
    }

    @Test
    void permuteWorksInPlaceOnAnyValues() {
        int[] v = {5, 6, 7, 8, 9};
        int[] w = v.clone();
        Shuffle.permute(v, 3);
        Shuffle.permute(w, 3);
        assertArrayEquals(v, w);
        Arrays.sort(v);
        assertArrayEquals(new int[] {5, 6, 7, 8, 9}, v);
    }
}
