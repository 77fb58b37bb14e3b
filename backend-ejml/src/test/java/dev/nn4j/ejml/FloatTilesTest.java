package dev.nn4j.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatTiles} against a textbook triple loop in double: every transpose case, sizes on
 * both sides of {@link FloatTiles#SMALL_WORK}, depths on both sides of
 * {@link FloatTiles#DOT_MIN_K} and of the k-block size, tails that are not a
 * multiple of the kernel's four rows, row splits of 1, 2, 3 and more parts than rows, alpha
 * and beta, and arrays longer than the matrices (convolution scratch).
 */
class FloatTilesTest {
    /**
     * m, n, k: tiny (one direct tile call up to SMALL_WORK = 4096 multiply-adds: 16x16x16 is the
     * last, 16x16x17 the first past it), around DOT_MIN_K (31 and 32 past SMALL_WORK), around
     * kBlock(256) = 64, and kBlock(1000) = 16 with a tail of 2.
     */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {5, 3, 7}, {7, 10, 31}, {2, 3, 5}, {16, 16, 16}, {16, 16, 17}, {9, 17, 31}, {9, 17, 32},
        {9, 17, 33}, {4, 256, 63}, {3, 256, 64}, {5, 256, 65}, {6, 256, 130}, {3, 1000, 50},
    };
    private static final int[] PARTS = {1, 2, 3, 7};
    private static final float[][] ALPHA_BETA = {{1, 0}, {1.5f, 0}, {1, 1}, {0.5f, -2}, {-1, 0.25f}};

    @Test
    void theShapesStraddleEachThreshold() {
        long small = FloatTiles.SMALL_WORK;
        int dot = FloatTiles.DOT_MIN_K;
        assertTrue(Arrays.stream(SHAPES).anyMatch(s -> work(s) == small), "a shape at SMALL_WORK");
        assertTrue(Arrays.stream(SHAPES).anyMatch(s -> work(s) > small && work(s) < 2 * small), "a shape just past it");
        assertTrue(Arrays.stream(SHAPES).anyMatch(s -> work(s) > small && s[2] == dot - 1), "k below DOT_MIN_K");
        assertTrue(Arrays.stream(SHAPES).anyMatch(s -> work(s) > small && s[2] == dot), "k at DOT_MIN_K");
    }

    private static long work(int[] s) {
        return (long) s[0] * s[1] * s[2];
    }

    @Test
    void kBlockKeepsABlockOfBNear64KilobytesInMultiplesOfFourRows() {
        assertEquals(64, FloatTiles.kBlock(256));
        assertEquals(128, FloatTiles.kBlock(128));
        assertEquals(256, FloatTiles.kBlock(10));
        assertEquals(256, FloatTiles.kBlock(1));
        assertEquals(16, FloatTiles.kBlock(1000));
        assertEquals(4, FloatTiles.kBlock(1 << 20));
        assertEquals(0, FloatTiles.kBlock(700) % 4);
    }

    @Test
    void everyTransposeCaseSplitAlphaAndBetaAgreesWithTheTripleLoop() {
        SplittableRandom rnd = new SplittableRandom(5);
        forEveryCase(rnd, (ta, tb, s, a, b) -> {
            for (float[] ab : ALPHA_BETA) {
                float[] c0 = random(rnd, s[0] * s[1]);
                double[] expected = naive(ta, tb, s, ab[0], a, b, ab[1], c0);
                for (int parts : PARTS) {
                    float[] c = c0.clone();
                    FloatTiles.run(ta, tb, s[0], s[1], s[2], ab[0], a, b, ab[1], c, parts);
                    assertClose(expected, c, describe(ta, tb, s, parts) + " alpha=" + ab[0] + " beta=" + ab[1]);
                }
            }
        });
    }

    @Test
    void betaZeroOverwritesNanOnEveryPath() {
        SplittableRandom rnd = new SplittableRandom(9);
        forEveryCase(rnd, (ta, tb, s, a, b) -> {
            double[] expected = naive(ta, tb, s, 2, a, b, 0, new float[s[0] * s[1]]);
            for (int parts : PARTS) {
                for (float alpha : new float[] {1, 2}) {
                    float[] c = new float[s[0] * s[1]];
                    Arrays.fill(c, Float.NaN);
                    FloatTiles.run(ta, tb, s[0], s[1], s[2], alpha, a, b, 0, c, parts);
                    double[] want = alpha == 2 ? expected : Arrays.stream(expected).map(x -> x / 2).toArray();
                    assertClose(want, c, describe(ta, tb, s, parts) + " alpha=" + alpha + ", C full of NaN");
                }
            }
        });
    }

    /** One shape and transpose case with random operands. */
    @FunctionalInterface
    private interface Case {
        void check(boolean ta, boolean tb, int[] mnk, float[] a, float[] b);
    }

    /** Every shape of {@link #SHAPES} in the four transpose cases, with fresh random operands. */
    private static void forEveryCase(SplittableRandom rnd, Case check) {
        for (int[] s : SHAPES) {
            for (int form = 0; form < 4; form++) {
                check.check((form & 2) != 0, (form & 1) != 0, s, random(rnd, s[0] * s[2]), random(rnd, s[2] * s[1]));
            }
        }
    }

    @Test
    void theResultIsTheSameBitsForEverySplit() {
        SplittableRandom rnd = new SplittableRandom(13);
        int[] s = {37, 256, 130};   // three k-blocks, an odd row count
        for (int form = 0; form < 4; form++) {
            boolean ta = (form & 2) != 0;
            boolean tb = (form & 1) != 0;
            float[] a = random(rnd, s[0] * s[2]);
            float[] b = random(rnd, s[2] * s[1]);
            float[] serial = new float[s[0] * s[1]];
            FloatTiles.run(ta, tb, s[0], s[1], s[2], 1, a, b, 0, serial, 1);
            for (int parts : new int[] {2, 3, 4, 40}) {
                float[] split = new float[s[0] * s[1]];
                FloatTiles.run(ta, tb, s[0], s[1], s[2], 1, a, b, 0, split, parts);
                assertArrayEquals(serial, split, describe(ta, tb, s, parts) + ": differs from one part");
            }
        }
    }

    @Test
    void longerArraysKeepTheirTailsAndAreReadOnlyUpToTheMatrices() {
        SplittableRandom rnd = new SplittableRandom(17);
        int[] s = {6, 40, 36};
        for (int form = 0; form < 4; form++) {
            boolean ta = (form & 2) != 0;
            boolean tb = (form & 1) != 0;
            float[] a = Arrays.copyOf(random(rnd, s[0] * s[2]), s[0] * s[2] + 9);
            float[] b = Arrays.copyOf(random(rnd, s[2] * s[1]), s[2] * s[1] + 5);
            Arrays.fill(a, s[0] * s[2], a.length, Float.NaN);
            Arrays.fill(b, s[2] * s[1], b.length, Float.NaN);
            float[] c = new float[s[0] * s[1] + 7];
            Arrays.fill(c, s[0] * s[1], c.length, 42f);
            FloatTiles.run(ta, tb, s[0], s[1], s[2], 1, a, b, 0, c, 2);
            double[] expected = naive(ta, tb, s, 1, a, b, 0, new float[s[0] * s[1]]);
            assertClose(expected, Arrays.copyOf(c, s[0] * s[1]), describe(ta, tb, s, 2) + " in longer arrays");
            for (int i = s[0] * s[1]; i < c.length; i++) {
                assertEquals(42f, c[i], describe(ta, tb, s, 2) + ": C's tail element " + i + " was written");
            }
        }
    }

    @Test
    void depthZeroLeavesBetaTimesC() {
        float[] c = {1, 2, 3, 4, 5, 6};
        FloatTiles.run(false, true, 2, 3, 0, 1, new float[0], new float[0], 0.5f, c, 1);
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3}, c);
        Arrays.fill(c, Float.NaN);
        FloatTiles.run(true, false, 2, 3, 0, 1, new float[0], new float[0], 0, c, 2);
        assertArrayEquals(new float[6], c);
    }

    private static String describe(boolean ta, boolean tb, int[] s, int parts) {
        return (ta ? "Aᵀ" : "A") + "·" + (tb ? "Bᵀ" : "B") + " m=" + s[0] + " n=" + s[1] + " k=" + s[2] + " parts=" + parts;
    }

    /** {@code alpha · op(a) · op(b) + beta · c0} in double; a is m x k (k x m if ta), b is k x n (n x k if tb). */
    private static double[] naive(boolean ta, boolean tb, int[] s, double alpha, float[] a, float[] b, double beta,
                                  float[] c0) {
        int m = s[0];
        int n = s[1];
        int k = s[2];
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                }
                out[i * n + j] = alpha * sum + (beta == 0 ? 0 : beta * c0[i * n + j]);
            }
        }
        return out;
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) rnd.nextDouble(-1, 1);
        }
        return v;
    }

    /** Element-wise {@code |got - expected| <= 1e-4 · max(1, |expected|)}, naming the first mismatch. */
    private static void assertClose(double[] expected, float[] got, String what) {
        assertEquals(expected.length, got.length, what + ": element count");
        for (int i = 0; i < got.length; i++) {
            if (!(Math.abs(got[i] - expected[i]) <= 1e-4 * Math.max(1, Math.abs(expected[i])))) {
                fail(what + ": element " + i + " is " + got[i] + ", expected " + expected[i]);
            }
        }
    }
}
