package dev.nn4j.conformance;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Every kernel on random data of many shapes (1xN, Nx1, odd sizes such as 7x13 and 33x65,
 * the toy network's 1x2·2x4 and 4x1, ranks 1 to 4 for element-wise kernels) against the
 * naive {@link ReferenceMath}. The reference is fed the values read back from the tensors, so
 * FLOAT32 input rounding does not count. Tolerance: relative error
 * {@code |actual - expected| / max(1, |expected|)} below 1e-9 for FLOAT64 and 1e-4 for
 * FLOAT32. Random data come from {@link SplittableRandom} with a fixed seed.
 */
public abstract class RandomKernelConformance extends ConformanceSupport {
    private static final long SEED = 0x5EED_2024L;

    private static final int[][] ELEMENT_SHAPES = {
        {1, 1}, {1, 9}, {9, 1}, {2, 4}, {4, 1}, {7, 13}, {33, 65}, {5}, {2, 3, 4}, {2, 1, 3, 2}};
    private static final int[][] MATRIX_SHAPES = {{1, 1}, {1, 9}, {9, 1}, {1, 2}, {2, 4}, {4, 1}, {7, 13}, {33, 65}};
    /** {@code {m, k, n}} for {@code [m x k] · [k x n]}. */
    private static final int[][] GEMM_SIZES = {
        {1, 1, 1}, {1, 2, 4}, {1, 4, 1}, {2, 4, 1}, {4, 2, 1}, {7, 13, 5}, {33, 65, 17},
        {1, 33, 65}, {65, 1, 33}, {13, 7, 1}, {16, 16, 16}};
    /** {@code {alpha, beta}} pairs. */
    private static final double[][] ALPHA_BETA = {{1, 0}, {0.75, 1}, {-1.5, 0.25}};

    private static final Activation[] ELEMENT_WISE = {
        Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LEAKY_RELU,
        Activation.leakyRelu(0.2), Activation.ELU, Activation.elu(0.5), Activation.GELU};

    private static double tol(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-9 : 1e-4;
    }

    private static double[][] values(Tensor m) {
        return m.toDoubleMatrix();
    }

    private static String name(String op, Tensor t) {
        return op + " " + t.shape();
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void gemmAllTransposesAlphasAndBetas(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int[] mkn : GEMM_SIZES) {
            int m = mkn[0];
            int k = mkn[1];
            int n = mkn[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                for (double[] ab : ALPHA_BETA) {
                    Tensor a = ta ? random(dt, rnd, -2, 2, k, m) : random(dt, rnd, -2, 2, m, k);
                    Tensor b = tb ? random(dt, rnd, -2, 2, n, k) : random(dt, rnd, -2, 2, k, n);
                    Tensor c = random(dt, rnd, -2, 2, m, n);
                    double[][] expected = ReferenceMath.gemm(ta, tb, ab[0], values(a), values(b), ab[1], values(c));
                    Ops.gemm(ta, tb, ab[0], a, b, ab[1], c);
                    assertClose(ReferenceMath.flatten(expected), c, tol(dt), "gemm" + (ta ? " aT" : " a")
                            + (tb ? ".bT" : ".b") + " " + m + "x" + k + "x" + n + " alpha=" + ab[0] + " beta=" + ab[1]);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void matmulAllocatesTheProduct(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        for (int[] mkn : GEMM_SIZES) {
            Tensor a = random(dt, rnd, -2, 2, mkn[0], mkn[1]);
            Tensor b = random(dt, rnd, -2, 2, mkn[1], mkn[2]);
            Tensor c = a.matmul(b);
            assertArrayEquals(new int[] {mkn[0], mkn[2]}, c.shape().dims());
            assertClose(ReferenceMath.flatten(ReferenceMath.matmul(values(a), values(b))), c, tol(dt), name("matmul", a));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void binaryElementWise(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        for (int[] shape : ELEMENT_SHAPES) {
            Tensor a = random(dt, rnd, -3, 3, shape);
            Tensor b = random(dt, rnd, 0.5, 2.5, shape);
            Tensor out = Ops.like(a);
            Ops.add(a, b, out);
            assertClose(zip(a, b, Double::sum), out, tol(dt), name("add", a));
            Ops.sub(a, b, out);
            assertClose(zip(a, b, (x, y) -> x - y), out, tol(dt), name("sub", a));
            Ops.hadamard(a, b, out);
            assertClose(zip(a, b, (x, y) -> x * y), out, tol(dt), name("hadamard", a));
            Ops.div(a, b, out);
            assertClose(zip(a, b, (x, y) -> x / y), out, tol(dt), name("div", a));
        }
    }

    private static double[] zip(Tensor a, Tensor b, DoubleBinaryOperator f) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        double[] z = new double[x.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = f.applyAsDouble(x[i], y[i]);
        }
        return z;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void scalarOperations(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        for (int[] shape : ELEMENT_SHAPES) {
            Tensor a = random(dt, rnd, -3, 3, shape);
            Tensor y = random(dt, rnd, -3, 3, shape);
            double s = rnd.nextDouble(-2, 2);
            double beta = rnd.nextDouble(-2, 2);
            assertClose(zip(a, a, (x, unused) -> s * x), Ops.scale(a, s), tol(dt), name("scale", a));
            assertClose(zip(a, a, (x, unused) -> x + s), Ops.addScalar(a, s), tol(dt), name("addScalar", a));
            double[] expected = zip(a, y, (x, old) -> s * x + beta * old);
            Ops.axpby(s, a, beta, y);
            assertClose(expected, y, tol(dt), name("axpby", a));
            Tensor out = Ops.like(a);
            Ops.clamp(a, -s * s, beta * beta, out);
            assertClose(zip(a, a, (x, unused) -> Math.min(Math.max(x, -s * s), beta * beta)), out, tol(dt),
                    name("clamp", a));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void unaryOperations(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 4);
        for (Unary op : Unary.values()) {
            boolean positive = op == Unary.LOG || op == Unary.SQRT || op == Unary.RSQRT || op == Unary.RECIPROCAL;
            for (int[] shape : ELEMENT_SHAPES) {
                Tensor a = positive ? random(dt, rnd, 0.05, 5, shape) : random(dt, rnd, -3, 3, shape);
                Tensor out = Ops.like(a);
                Ops.unary(op, a, out);
                assertClose(zip(a, a, (x, unused) -> ReferenceMath.unary(op, x)), out, tol(dt), name(op.name(), a));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void elementWiseActivations(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 5);
        for (Activation f : ELEMENT_WISE) {
            for (int[] shape : ELEMENT_SHAPES) {
                Tensor x = random(dt, rnd, -4, 4, shape);
                Tensor y = Ops.activation(f, x);
                assertClose(zip(x, x, (v, unused) -> ReferenceMath.activation(f, v)), y, tol(dt), name(f.id(), x));
                Tensor dy = random(dt, rnd, -2, 2, shape);
                Tensor dx = Ops.like(x);
                Ops.activationBackward(f, x, y, dy, dx);
                assertClose(zip(x, dy, (v, g) -> g * ReferenceMath.derivative(f, v)), dx, tol(dt),
                        name(f.id() + " backward", x));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void softmaxLogSoftmaxAndSoftmaxBackward(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 6);
        for (int[] shape : MATRIX_SHAPES) {
            Tensor x = random(dt, rnd, -5, 5, shape);
            Tensor y = Ops.activation(Activation.SOFTMAX, x);
            assertClose(ReferenceMath.flatten(ReferenceMath.softmax(values(x))), y, tol(dt), name("softmax", x));
            Tensor logY = Ops.like(x);
            Ops.logSoftmax(x, logY);
            assertClose(ReferenceMath.flatten(ReferenceMath.logSoftmax(values(x))), logY, tol(dt),
                    name("logSoftmax", x));
            Tensor dy = random(dt, rnd, -2, 2, shape);
            Tensor dx = Ops.like(x);
            Ops.activationBackward(Activation.SOFTMAX, x, y, dy, dx);
            assertClose(ReferenceMath.flatten(ReferenceMath.softmaxBackward(values(y), values(dy))), dx, tol(dt),
                    name("softmax backward", x));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void softmaxAndLogSoftmaxAlongEveryAxisAndInPlace(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 10);
        for (int[] shape : new int[][] {{6}, {3, 4, 5}, {2, 1, 3, 2}, {2, 3, 2, 2, 1, 3}}) {
            for (int axis = -shape.length; axis < shape.length; axis++) {
                for (boolean log : new boolean[] {false, true}) {
                    Tensor x = random(dt, rnd, -5, 5, shape);
                    double[] expected = alongAxis(x.toDoubleArray(), shape, axis < 0 ? axis + shape.length : axis, log);
                    Tensor y = Ops.like(x);
                    Ops.softmax(x, axis, log, y);
                    String what = (log ? "logSoftmax " : "softmax ") + x.shape() + " along " + axis;
                    assertClose(expected, y, tol(dt), what);
                    Ops.softmax(x, axis, log, x);
                    assertClose(expected, x, tol(dt), what + " in place");
                }
            }
        }
    }

    /** The reference softmax (or log-softmax) of every slice along {@code axis}, each slice gathered into a row. */
    private static double[] alongAxis(double[] x, int[] shape, int axis, boolean log) {
        int n = shape[axis];
        int after = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            after *= shape[d];
        }
        int before = x.length / (n * after);
        double[][] rows = new double[before * after][n];
        for (int p = 0; p < before; p++) {
            for (int q = 0; q < after; q++) {
                for (int j = 0; j < n; j++) {
                    rows[p * after + q][j] = x[(p * n + j) * after + q];
                }
            }
        }
        double[][] r = log ? ReferenceMath.logSoftmax(rows) : ReferenceMath.softmax(rows);
        double[] out = new double[x.length];
        for (int p = 0; p < before; p++) {
            for (int q = 0; q < after; q++) {
                for (int j = 0; j < n; j++) {
                    out[(p * n + j) * after + q] = r[p * after + q][j];
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void transposeSumRowsAddRowVectorArgmax(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 7);
        for (int[] shape : MATRIX_SHAPES) {
            Tensor a = random(dt, rnd, -3, 3, shape);
            double[][] av = values(a);
            assertClose(ReferenceMath.flatten(ReferenceMath.transpose(av)), Ops.transpose(a), tol(dt),
                    name("transpose", a));
            assertClose(ReferenceMath.flatten(ReferenceMath.sumRows(av)), Ops.sumRows(a), tol(dt), name("sumRows", a));
            Tensor row = random(dt, rnd, -3, 3, 1, shape[1]);
            double[][] expected = new double[shape[0]][shape[1]];
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    expected[i][j] = av[i][j] + row.get(0, j);
                }
            }
            assertClose(ReferenceMath.flatten(expected), Ops.addRowVector(a, row), tol(dt), name("addRowVector", a));
            assertArrayEquals(ReferenceMath.argmaxRows(av), Ops.argmaxRows(a), name("argmaxRows", a));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void addRowVectorActivationMatchesBiasThenActivation(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 10);
        Activation[] all = Arrays.copyOf(ELEMENT_WISE, ELEMENT_WISE.length + 1);
        all[ELEMENT_WISE.length] = Activation.SOFTMAX;
        for (Activation f : all) {
            for (int[] shape : MATRIX_SHAPES) {
                Tensor z = random(dt, rnd, -3, 3, shape);
                Tensor bias = random(dt, rnd, -3, 3, 1, shape[1]);
                double[][] zv = values(z);
                for (int i = 0; i < shape[0]; i++) {
                    for (int j = 0; j < shape[1]; j++) {
                        zv[i][j] += bias.get(0, j);
                    }
                }
                double[][] yv = f.isRowWise() ? ReferenceMath.softmax(zv) : new double[shape[0]][shape[1]];
                for (int i = 0; i < shape[0] && !f.isRowWise(); i++) {
                    for (int j = 0; j < shape[1]; j++) {
                        yv[i][j] = ReferenceMath.activation(f, zv[i][j]);
                    }
                }
                Tensor y = Ops.like(z);
                Ops.addRowVectorActivation(z, bias, f, y);
                assertClose(ReferenceMath.flatten(zv), z, tol(dt), name("addRowVectorActivation " + f.id() + " z", z));
                assertClose(ReferenceMath.flatten(yv), y, tol(dt), name("addRowVectorActivation " + f.id() + " y", z));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void reductionsFillAndCopy(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 8);
        for (int[] shape : ELEMENT_SHAPES) {
            Tensor a = random(dt, rnd, -3, 3, shape);
            Tensor b = random(dt, rnd, -3, 3, shape);
            double[] x = a.toDoubleArray();
            double[] y = b.toDoubleArray();
            double sum = 0;
            double dot = 0;
            for (int i = 0; i < x.length; i++) {
                sum += x[i];
                dot += x[i] * y[i];
            }
            assertClose(sum, Ops.sum(a), tol(dt), name("sum", a));
            assertClose(dot, Ops.dot(a, b), tol(dt), name("dot", a));
            Tensor copy = Ops.copy(a);
            assertClose(x, copy, 0, name("copy", a));
            double value = rnd.nextDouble(-3, 3);
            Ops.fill(copy, value);
            double[] filled = new double[x.length];
            Arrays.fill(filled, dt == DType.FLOAT32 ? (float) value : value);
            assertClose(filled, copy, 0, name("fill", a));
            assertClose(x, a, 0, name("copy leaves its source", a));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void inPlaceElementWiseMatchesOutOfPlace(DType dt) {
        SplittableRandom rnd = new SplittableRandom(SEED + 9);
        Shape shape = Shape.matrix(7, 13);
        for (Activation f : ELEMENT_WISE) {
            Tensor x = random(dt, rnd, -4, 4, shape.dims());
            Tensor expected = Ops.activation(f, x);
            Ops.activation(f, x, x);
            assertClose(expected.toDoubleArray(), x, tol(dt), f.id() + " in place");
        }
        Tensor a = random(dt, rnd, -3, 3, shape.dims());
        Tensor b = random(dt, rnd, -3, 3, shape.dims());
        Tensor expected = Ops.sub(a, b);
        Ops.sub(a, b, b);
        assertClose(expected.toDoubleArray(), b, tol(dt), "sub into b");
        expected = Ops.addScalar(a, 0.5);
        Ops.addScalar(a, 0.5, a);
        assertClose(expected.toDoubleArray(), a, tol(dt), "addScalar in place");
    }
}
