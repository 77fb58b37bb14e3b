package dev.nn4j.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The EJML product paths through {@link EjmlGemm}: the concurrent path (FLOAT32: row blocks of
 * C on EJML's pool; FLOAT64: {@code CommonOps_MT_DDRM}) on shapes above the threshold against
 * the single-threaded path and against a naive triple loop in double, for every transpose case
 * and both dtypes, plus the alpha/beta forms and how many row blocks a product gets.
 * {@link FloatTilesTest} covers the FLOAT32 paths shape by shape.
 */
class EjmlGemmTest {
    private static final Backend EJML = Backends.get("ejml");
    // 128·130·125 = 2,080,000 multiply-adds: above the default threshold.
    private static final int M = 128;
    private static final int K = 130;
    private static final int N = 125;

    @Test
    void defaultThresholdSendsTheTestShapeToTheConcurrentPath() {
        EjmlKernels kernels = (EjmlKernels) EJML.kernels();
        assertTrue((long) M * K * N >= kernels.concurrentThreshold(), "test shape must be above the threshold");
        assertFalse(kernels.concurrentFor(kernels.concurrentThreshold() - 1));
        Assumptions.assumeTrue(kernels.threads() > 1, "EJML's pool has one thread: products never run concurrently");
        assertTrue(kernels.concurrentFor((long) M * K * N));
    }

    @Test
    void rowBlocksFollowThePoolsThreadsAndTheRowCount() {
        EjmlKernels kernels = (EjmlKernels) EJML.kernels();
        long above = kernels.concurrentThreshold();
        assertEquals(1, kernels.partsFor(above - 1, 1000), "below the threshold");
        Assumptions.assumeTrue(kernels.threads() > 1, "EJML's pool has one thread: products never run concurrently");
        int threads = kernels.threads();
        assertEquals(EjmlKernels.BLOCKS_PER_THREAD * threads, kernels.partsFor(above, 100_000), "many rows");
        assertEquals(threads, kernels.partsFor(above, 3), "fewer rows than MIN_BLOCK_ROWS per thread");
        int rows = EjmlKernels.MIN_BLOCK_ROWS * (threads + 1);
        assertEquals(Math.min(EjmlKernels.BLOCKS_PER_THREAD * threads, threads + 1), kernels.partsFor(above, rows),
                "blocks of at least MIN_BLOCK_ROWS rows");
    }

    @Test
    void concurrentSingleThreadedAndNaiveAgreeForEveryTransposeCase() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = dtype == DType.FLOAT32 ? 1e-4 : 1e-12;
            SplittableRandom rnd = new SplittableRandom(7);
            for (int form = 0; form < 4; form++) {
                boolean ta = (form & 2) != 0;
                boolean tb = (form & 1) != 0;
                EjmlTensor a = random(dtype, rnd, ta ? K : M, ta ? M : K);
                EjmlTensor b = random(dtype, rnd, tb ? N : K, tb ? K : N);
                double[] expected = naive(ta, tb, 1, a, b, 0, new double[M * N]);
                String what = dtype + " transA=" + ta + " transB=" + tb;

                EjmlTensor viaOps = zeros(dtype, M, N);
                Ops.gemm(ta, tb, 1, a, b, 0, viaOps);
                assertClose(expected, viaOps, tol, "Ops.gemm " + what);

                EjmlTensor single = zeros(dtype, M, N);
                EjmlGemm.run(ta, tb, 1, a, b, 0, single, 1);
                EjmlTensor concurrent = zeros(dtype, M, N);
                EjmlGemm.run(ta, tb, 1, a, b, 0, concurrent, 2);
                assertClose(expected, single, tol, "single-threaded " + what);
                assertClose(single.toDoubleArray(), concurrent, tol / 10, "concurrent vs single-threaded " + what);
            }
        }
    }

    @Test
    void theTransposedScratchIsReusedAcrossShapesWithoutLeakingOldValues() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = {{5, 7, 3}, {40, 30, 50}, {2, 3, 4}, {9, 64, 1}};   // m, n, k; grows, shrinks, grows
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : shapes) {
                EjmlTensor a = random(dtype, rnd, s[0], s[2]);
                EjmlTensor b = random(dtype, rnd, s[1], s[2]);
                EjmlTensor c = random(dtype, rnd, s[0], s[1]);
                double[] expected = naive(false, true, 0.5, a, b, 2, c.toDoubleArray());
                EjmlGemm.run(false, true, 0.5, a, b, 2, c, 1);
                assertClose(expected, c, dtype == DType.FLOAT32 ? 1e-5 : 1e-12,
                        dtype + " A·Bᵀ " + s[0] + "x" + s[2] + " by " + s[2] + "x" + s[1]);
            }
        }
    }

    @Test
    void alphaAndBetaCombineWithTheOldContentOfC() {
        double[][] alphaBeta = {{0.5, -2}, {1, 1}, {-1.5, 0.25}, {2, 0}};
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-13;
            SplittableRandom rnd = new SplittableRandom(11);
            for (boolean concurrent : new boolean[] {false, true}) {
                for (int form = 0; form < 4; form++) {
                    boolean ta = (form & 2) != 0;
                    boolean tb = (form & 1) != 0;
                    for (double[] ab : alphaBeta) {
                        EjmlTensor a = random(dtype, rnd, ta ? 7 : 5, ta ? 5 : 7);
                        EjmlTensor b = random(dtype, rnd, tb ? 3 : 7, tb ? 7 : 3);
                        EjmlTensor c = random(dtype, rnd, 5, 3);
                        double[] expected = naive(ta, tb, ab[0], a, b, ab[1], c.toDoubleArray());
                        EjmlGemm.run(ta, tb, ab[0], a, b, ab[1], c, concurrent ? 2 : 1);
                        assertClose(expected, c, tol, dtype + " concurrent=" + concurrent + " transA=" + ta
                                + " transB=" + tb + " alpha=" + ab[0] + " beta=" + ab[1]);
                    }
                }
            }
        }
    }

    @Test
    void betaZeroOverwritesNanInCOnEveryPath() {
        // Matrix-vector shapes too: EJML routes them through separate loops.
        int[][] mkn = {{4, 6, 5}, {5, 7, 1}, {1, 7, 5}, {40, 50, 60}};
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            SplittableRandom rnd = new SplittableRandom(3);
            for (int[] s : mkn) {
                for (boolean concurrent : new boolean[] {false, true}) {
                    for (int form = 0; form < 4; form++) {
                        boolean ta = (form & 2) != 0;
                        boolean tb = (form & 1) != 0;
                        EjmlTensor a = random(dtype, rnd, ta ? s[1] : s[0], ta ? s[0] : s[1]);
                        EjmlTensor b = random(dtype, rnd, tb ? s[2] : s[1], tb ? s[1] : s[2]);
                        EjmlTensor c = zeros(dtype, s[0], s[2]);
                        EJML.kernels().fill(c, Double.NaN);
                        double[] expected = naive(ta, tb, 1.5, a, b, 0, new double[s[0] * s[2]]);
                        EjmlGemm.run(ta, tb, 1.5, a, b, 0, c, concurrent ? 2 : 1);
                        assertClose(expected, c, dtype == DType.FLOAT32 ? 1e-4 : 1e-12, dtype + " "
                                + c.shape() + " concurrent=" + concurrent + " transA=" + ta + " transB=" + tb);
                    }
                }
            }
        }
    }

    /** {@code alpha · op(a) · op(b) + beta · c0}, computed in double with the textbook triple loop. */
    private static double[] naive(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, double[] c0) {
        double[][] x = a.toDoubleMatrix();
        double[][] y = b.toDoubleMatrix();
        int m = ta ? a.cols() : a.rows();
        int k = ta ? a.rows() : a.cols();
        int n = tb ? b.rows() : b.cols();
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? x[p][i] : x[i][p]) * (tb ? y[j][p] : y[p][j]);
                }
                out[i * n + j] = alpha * s + (beta == 0 ? 0 : beta * c0[i * n + j]);
            }
        }
        return out;
    }

    private static EjmlTensor zeros(DType dtype, int rows, int cols) {
        return (EjmlTensor) EJML.zeros(dtype, rows, cols);
    }

    private static EjmlTensor random(DType dtype, SplittableRandom rnd, int rows, int cols) {
        EjmlTensor t = zeros(dtype, rows, cols);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble(-1, 1);
        }
        t.setAll(v);
        return t;
    }

    /** Element-wise {@code |got - expected| <= tol · max(1, |expected|)}, naming the first mismatch. */
    private static void assertClose(double[] expected, Tensor actual, double tol, String what) {
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, what + ": element count");
        for (int i = 0; i < got.length; i++) {
            if (!(Math.abs(got[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])))) {
                fail(what + ": element " + i + " is " + got[i] + ", expected " + expected[i]);
            }
        }
    }
}
