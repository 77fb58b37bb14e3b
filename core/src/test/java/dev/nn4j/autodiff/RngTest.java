package dev.nn4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void uniformValuesFollowSplittableRandom() {
        Rng rng = new Rng(99);
        SplittableRandom reference = new SplittableRandom(99);
        for (int i = 0; i < 10; i++) {
            assertEquals(reference.nextDouble(), rng.nextDouble());
        }
        assertEquals(-1 + 2 * reference.nextDouble(), rng.nextDouble(-1, 1));
    }

    @Test
    void gaussianHasMeanZeroAndUnitVariance() {
        Rng rng = new Rng(1);
        int n = 200_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double g = rng.nextGaussian();
            sum += g;
            squares += g * g;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, squares / n, 0.01);
    }

    @Test
    void shuffleIsADeterministicPermutation() {
        int[] a = new int[50];
        Arrays.setAll(a, i -> i);
        int[] b = a.clone();
        new Rng(5).shuffle(a);
        new Rng(5).shuffle(b);
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(a, java.util.stream.IntStream.range(0, 50).toArray()));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(java.util.stream.IntStream.range(0, 50).toArray(), sorted);
    }

    @Test
    void shuffleHitsEveryPermutationOfThreeEvenly() {
        Rng rng = new Rng(3);
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            int[] a = {0, 1, 2};
            rng.shuffle(a);
            counts.merge(Arrays.toString(a), 1, Integer::sum);
        }
        assertEquals(6, counts.size());
        for (int c : counts.values()) {
            assertEquals(10_000, c, 400);
        }
    }

    @Test
    void splitStreamsAreDeterministicAndDifferent() {
        Rng a = new Rng(8);
        Rng b = new Rng(8);
        Rng childA = a.split();
        Rng childB = b.split();
        assertEquals(childA.nextDouble(), childB.nextDouble());
        assertEquals(a.nextDouble(), b.nextDouble());
        assertNotEquals(a.nextDouble(), childA.nextDouble());
    }

    @Test
    void nextIntValidatesItsBound() {
        assertThrows(IllegalArgumentException.class, () -> new Rng(1).nextInt(0));
        assertEquals(0, new Rng(1).nextInt(1));
    }
}
