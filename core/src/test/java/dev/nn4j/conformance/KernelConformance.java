package dev.nn4j.conformance;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every kernel, through {@link Ops}, against values worked out by hand (or, for
 * transcendental functions, printed once from an independent double-precision evaluation),
 * in both dtypes. Tolerance: relative error (see {@link ConformanceSupport}) below 1e-12 for
 * FLOAT64 and 1e-6 for FLOAT32.
 */
public abstract class KernelConformance extends ConformanceSupport {

    private static final double[][] A = {{1, 2, 3}, {4, 5, 6}};
    private static final double[][] A_T = {{1, 4}, {2, 5}, {3, 6}};
    private static final double[][] B = {{7, 8}, {9, 10}, {11, 12}};
    private static final double[][] B_T = {{7, 9, 11}, {8, 10, 12}};
    private static final double[] AB = {58, 64, 139, 154};

    /** Inputs and upstream gradients of the activation cases. */
    private static final double[] X = {-2, -0.5, 0, 1.5};
    private static final double[] DY = {1, 2, -1, 0.5};

    private static double tol(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-12 : 1e-6;
    }

    private Tensor c(DType dt) {
        return backend().zeros(dt, 2, 2);
    }

    // ---- gemm ----

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void matmulOfTwoByThreeAndThreeByTwo(DType dt) {
        assertClose(AB, Ops.matmul(matrix(dt, A), matrix(dt, B)), tol(dt), "matmul");
        Tensor out = c(dt);
        Ops.matmul(matrix(dt, A), matrix(dt, B), out);
        assertClose(AB, out, tol(dt), "matmul into out");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void gemmTransposeVariantsGiveTheSameProduct(DType dt) {
        Tensor c = c(dt);
        Ops.gemm(true, false, 1, matrix(dt, A_T), matrix(dt, B), 0, c);
        assertClose(AB, c, tol(dt), "gemm aT.b");
        Ops.gemm(false, true, 1, matrix(dt, A), matrix(dt, B_T), 0, c);
        assertClose(AB, c, tol(dt), "gemm a.bT");
        Ops.gemm(true, true, 1, matrix(dt, A_T), matrix(dt, B_T), 0, c);
        assertClose(AB, c, tol(dt), "gemm aT.bT");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void gemmAlphaAndBeta(DType dt) {
        Tensor c = matrix(dt, new double[] {1, 2}, new double[] {3, 4});
        Ops.gemm(false, false, 2, matrix(dt, A), matrix(dt, B), 0.5, c);
        assertClose(new double[] {116.5, 129, 279.5, 310}, c, tol(dt), "gemm alpha=2 beta=0.5");
        Ops.gemm(false, false, 0, matrix(dt, A), matrix(dt, B), -1, c);
        assertClose(new double[] {-116.5, -129, -279.5, -310}, c, tol(dt), "gemm alpha=0 beta=-1");
        Ops.gemm(true, true, -1, matrix(dt, A_T), matrix(dt, B_T), 1, c);
        assertClose(new double[] {-174.5, -193, -418.5, -464}, c, tol(dt), "gemm aT.bT alpha=-1 beta=1");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void gemmWithBetaZeroIgnoresNaNInC(DType dt) {
        Tensor c = c(dt);
        Ops.fill(c, Double.NaN);
        Ops.gemm(false, false, 1, matrix(dt, A), matrix(dt, B), 0, c);
        assertClose(AB, c, tol(dt), "gemm beta=0 over NaN");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void gemmOfRowAndColumnVectors(DType dt) {
        Tensor row = matrix(dt, new double[] {1, 2, 3});
        Tensor col = matrix(dt, new double[] {4}, new double[] {5}, new double[] {6});
        assertClose(new double[] {32}, Ops.matmul(row, col), tol(dt), "inner product");
        assertClose(new double[] {4, 8, 12, 5, 10, 15, 6, 12, 18}, Ops.matmul(col, row), tol(dt), "outer product");
    }

    // ---- element-wise ----

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void elementWiseArithmetic(DType dt) {
        Tensor a = tensor(dt, new double[] {1, 2, 3}, 3);
        Tensor b = tensor(dt, new double[] {4, 5, 8}, 3);
        assertClose(new double[] {5, 7, 11}, Ops.add(a, b), tol(dt), "add");
        assertClose(new double[] {-3, -3, -5}, Ops.sub(a, b), tol(dt), "sub");
        assertClose(new double[] {4, 10, 24}, Ops.hadamard(a, b), tol(dt), "hadamard");
        Tensor q = Ops.like(a);
        Ops.div(a, b, q);
        assertClose(new double[] {0.25, 0.4, 0.375}, q, tol(dt), "div");
        assertClose(new double[] {2.5, 5, 7.5}, Ops.scale(a, 2.5), tol(dt), "scale");
        assertClose(new double[] {0, 1, 2}, Ops.addScalar(a, -1), tol(dt), "addScalar");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void elementWiseInPlace(DType dt) {
        Tensor a = matrix(dt, new double[] {1, 2}, new double[] {3, 4});
        Tensor b = matrix(dt, new double[] {10, 20}, new double[] {30, 40});
        Ops.add(a, b, a);
        assertClose(new double[] {11, 22, 33, 44}, a, tol(dt), "add into a");
        Ops.hadamard(a, a, a);
        assertClose(new double[] {121, 484, 1089, 1936}, a, tol(dt), "a ⊙ a into a");
        Ops.scale(b, -0.5, b);
        assertClose(new double[] {-5, -10, -15, -20}, b, tol(dt), "scale in place");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void axpbyUpdatesY(DType dt) {
        Tensor x = tensor(dt, new double[] {1, 2, 3}, 1, 3);
        Tensor y = tensor(dt, new double[] {4, 5, 6}, 1, 3);
        Ops.axpby(2, x, -1, y);
        assertClose(new double[] {-2, -1, 0}, y, tol(dt), "axpby");
        assertClose(new double[] {1, 2, 3}, x, tol(dt), "axpby leaves x");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void unaryOps(DType dt) {
        assertClose(new double[] {1, Math.E, 1 / Math.E}, unary(dt, Unary.EXP, 0, 1, -1), tol(dt), "exp");
        assertClose(new double[] {0, 1, -2}, unary(dt, Unary.LOG, 1, Math.E, Math.exp(-2)), tol(dt), "log");
        assertClose(new double[] {2, 1.5, 0}, unary(dt, Unary.SQRT, 4, 2.25, 0), tol(dt), "sqrt");
        assertClose(new double[] {9, 0.25, 0}, unary(dt, Unary.SQUARE, -3, 0.5, 0), tol(dt), "square");
        assertClose(new double[] {3, 2, 0}, unary(dt, Unary.ABS, -3, 2, 0), tol(dt), "abs");
        assertClose(new double[] {3, -2, 0}, unary(dt, Unary.NEG, -3, 2, 0), tol(dt), "neg");
        assertClose(new double[] {0.5, 2, 1}, unary(dt, Unary.RSQRT, 4, 0.25, 1), tol(dt), "rsqrt");
        assertClose(new double[] {-0.5, 4, 1}, unary(dt, Unary.RECIPROCAL, -2, 0.25, 1), tol(dt), "reciprocal");
        assertClose(new double[] {0, 0.7615941559557649, -0.9640275800758169}, unary(dt, Unary.TANH, 0, 1, -2),
                tol(dt), "tanh");
        assertClose(new double[] {0.5, 0.7310585786300049, 0.11920292202211755}, unary(dt, Unary.SIGMOID, 0, 1, -2),
                tol(dt), "sigmoid");
        assertClose(new double[] {0, 0, 2.5}, unary(dt, Unary.RELU, -3, 0, 2.5), tol(dt), "relu");
        assertClose(new double[] {-1, 0, 1}, unary(dt, Unary.SIGN, -3, 0, 0.5), tol(dt), "sign");
        assertClose(new double[] {0, 0.5204998778130465, 0.8427007929497149, -0.9953222650189527, 0.9999779095030014,
            -0.2763263901682369, 0.9999999998033839, 1}, unary(dt, Unary.ERF, 0, 0.5, 1, -2, 3, -0.25, 4.5, 7),
                tol(dt), "erf");
    }

    private Tensor unary(DType dt, Unary op, double... values) {
        Tensor a = tensor(dt, values, values.length);
        Tensor out = Ops.like(a);
        Ops.unary(op, a, out);
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void clampLimitsBothSides(DType dt) {
        Tensor a = tensor(dt, new double[] {-2, 0.5, 3, -1}, 2, 2);
        Tensor out = Ops.like(a);
        Ops.clamp(a, -1, 1, out);
        assertClose(new double[] {-1, 0.5, 1, -1}, out, tol(dt), "clamp");
    }

    // ---- activations ----

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void elementWiseActivationsForward(DType dt) {
        forward(dt, Activation.IDENTITY, X);
        forward(dt, Activation.SIGMOID, 0.11920292202211755, 0.3775406687981454, 0.5, 0.8175744761936437);
        forward(dt, Activation.TANH, -0.9640275800758169, -0.46211715726000974, 0, 0.9051482536448664);
        forward(dt, Activation.RELU, 0, 0, 0, 1.5);
        forward(dt, Activation.LEAKY_RELU, -0.02, -0.005, 0, 1.5);
        forward(dt, Activation.leakyRelu(0.5), -1, -0.25, 0, 1.5);
        forward(dt, Activation.ELU, -0.8646647167633873, -0.3934693402873666, 0, 1.5);
        forward(dt, Activation.elu(2), -1.7293294335267746, -0.7869386805747332, 0, 1.5);
        forward(dt, Activation.GELU, -0.04540230591222494, -0.15428599017485606, 0, 1.3995715769802328);
    }

    private void forward(DType dt, Activation f, double... expected) {
        Tensor x = tensor(dt, X, 2, 2);
        assertClose(expected, Ops.activation(f, x), tol(dt), f.id());
        Ops.activation(f, x, x);
        assertClose(expected, x, tol(dt), f.id() + " in place");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void elementWiseActivationsBackward(DType dt) {
        backward(dt, Activation.IDENTITY, DY);
        backward(dt, Activation.SIGMOID, 0.1049935854035065, 0.470007424403189, -0.25, 0.07457322603516643);
        backward(dt, Activation.TANH, 0.07065082485316443, 1.5728954659318548, -1, 0.09035331946182429);
        // ReLU's derivative at 0 is taken as 0, leaky ReLU's as alpha, ELU's as 1 (= y + alpha).
        backward(dt, Activation.RELU, 0, 0, 0, 0.5);
        backward(dt, Activation.LEAKY_RELU, 0.01, 0.02, -0.01, 0.5);
        backward(dt, Activation.ELU, 0.1353352832366127, 1.2130613194252668, -1, 0.5);
        backward(dt, Activation.GELU, -0.08609925662361825, 0.2652601929307153, -0.5, 0.5638553965757166);
    }

    private void backward(DType dt, Activation f, double... expected) {
        Tensor x = tensor(dt, X, 4);
        Tensor y = Ops.activation(f, x);
        Tensor dy = tensor(dt, DY, 4);
        Tensor dx = Ops.like(x);
        Ops.activationBackward(f, x, y, dy, dx);
        assertClose(expected, dx, tol(dt), f.id() + " backward");
        Ops.activationBackward(f, x, y, dy, dy);
        assertClose(expected, dy, tol(dt), f.id() + " backward into dy");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void reluFamilyPropagatesNaN(DType dt) {
        for (Activation f : new Activation[] {Activation.RELU, Activation.LEAKY_RELU}) {
            Tensor y = Ops.activation(f, tensor(dt, new double[] {Double.NaN, -1, 2}, 3));
            assertEquals(Double.NaN, y.get(0), f.id() + "(NaN)");
            assertEquals(2, y.get(2), f.id() + "(2)");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void softmaxPerRow(DType dt) {
        double[] expected = {0.09003057317038046, 0.24472847105479767, 0.6652409557748219, 1 / 3.0, 1 / 3.0, 1 / 3.0};
        Tensor x = matrix(dt, new double[] {1, 2, 3}, new double[] {-4, -4, -4});
        assertClose(expected, Ops.activation(Activation.SOFTMAX, x), tol(dt), "softmax");
        Tensor large = matrix(dt, new double[] {1001, 1002, 1003}, new double[] {-800, -800, -800});
        assertClose(expected, Ops.activation(Activation.SOFTMAX, large), tol(dt), "softmax of large values");
        Ops.activation(Activation.SOFTMAX, x, x);
        assertClose(expected, x, tol(dt), "softmax in place");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void softmaxBackwardIsTheJacobianProduct(DType dt) {
        Tensor x = matrix(dt, new double[] {1, 2, 3}, new double[] {0, 0, 0});
        Tensor y = Ops.activation(Activation.SOFTMAX, x);
        Tensor dy = matrix(dt, new double[] {1, 0, 0}, new double[] {2, 2, 2});
        Tensor dx = Ops.like(x);
        Ops.activationBackward(Activation.SOFTMAX, x, y, dy, dx);
        // Row 2: a constant upstream gradient has no effect on softmax.
        double[] expected = {0.08192506906499324, -0.022033044520174298, -0.059892024544818935, 0, 0, 0};
        assertClose(expected, dx, tol(dt), "softmax backward");
        Ops.activationBackward(Activation.SOFTMAX, x, y, dy, dy);
        assertClose(expected, dy, tol(dt), "softmax backward into dy");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void logSoftmaxPerRowIsStable(DType dt) {
        Tensor x = matrix(dt, new double[] {1, 2, 3}, new double[] {1001, 1002, 1003}, new double[] {-1000, 0, -1000});
        Tensor out = Ops.like(x);
        Ops.logSoftmax(x, out);
        double[] expected = {-2.40760596444438, -1.4076059644443801, -0.40760596444438013,
            -2.40760596444438, -1.4076059644443801, -0.40760596444438013, -1000, 0, -1000};
        assertClose(expected, out, tol(dt), "logSoftmax");
    }

    // ---- shape and reductions ----

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void transposeSwapsRowsAndColumns(DType dt) {
        Tensor t = Ops.transpose(matrix(dt, A));
        assertEquals(3, t.rows());
        assertClose(flat(A_T), t, tol(dt), "transpose");
        assertClose(new double[] {1, 2, 3}, Ops.transpose(tensor(dt, new double[] {1, 2, 3}, 3, 1)), tol(dt),
                "transpose of a column");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void sumRowsAddsEachColumn(DType dt) {
        assertClose(new double[] {5, 7, 9}, Ops.sumRows(matrix(dt, A)), tol(dt), "sumRows");
        assertClose(new double[] {1, 2, 3}, Ops.sumRows(matrix(dt, A[0])), tol(dt), "sumRows of one row");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void addRowVectorBroadcastsOverRows(DType dt) {
        Tensor row = matrix(dt, new double[] {10, 20, 30});
        assertClose(new double[] {11, 22, 33, 14, 25, 36}, Ops.addRowVector(matrix(dt, A), row), tol(dt),
                "addRowVector");
        Tensor a = matrix(dt, A);
        Ops.addRowVector(a, row, a);
        assertClose(new double[] {11, 22, 33, 14, 25, 36}, a, tol(dt), "addRowVector in place");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void addRowVectorActivationAddsTheBiasInPlaceThenActivates(DType dt) {
        // z = A + [-3, -4, -5] = [[-2, -2, -2], [1, 1, 1]]
        Tensor bias = matrix(dt, new double[] {-3, -4, -5});
        double[] zExpected = {-2, -2, -2, 1, 1, 1};
        Tensor z = matrix(dt, A);
        Tensor y = Ops.like(z);
        Ops.addRowVectorActivation(z, bias, Activation.RELU, y);
        assertClose(zExpected, z, tol(dt), "addRowVectorActivation relu: z");
        assertClose(new double[] {0, 0, 0, 1, 1, 1}, y, tol(dt), "addRowVectorActivation relu: y");
        z = matrix(dt, A);
        Ops.addRowVectorActivation(z, bias, Activation.SIGMOID, y);
        double s2 = 0.11920292202211755;   // sigmoid(-2)
        double s1 = 0.7310585786300049;    // sigmoid(1)
        assertClose(new double[] {s2, s2, s2, s1, s1, s1}, y, tol(dt), "addRowVectorActivation sigmoid");
        z = matrix(dt, A);
        Ops.addRowVectorActivation(z, matrix(dt, new double[] {0, -1, -2}), Activation.SOFTMAX, y);
        // z = [[1, 1, 1], [4, 4, 4]]: every row is uniform.
        assertClose(new double[] {1, 1, 1, 4, 4, 4}, z, tol(dt), "addRowVectorActivation softmax: z");
        assertClose(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 1 / 3.0, 1 / 3.0, 1 / 3.0}, y, tol(dt),
                "addRowVectorActivation softmax: y");
        z = matrix(dt, A);
        Ops.addRowVectorActivation(z, bias, Activation.leakyRelu(0.5), z);
        assertClose(new double[] {-1, -1, -1, 1, 1, 1}, z, tol(dt), "addRowVectorActivation leaky relu, y = z");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void argmaxRowsTakesTheFirstOnTies(DType dt) {
        Tensor a = matrix(dt, new double[] {1, 3, 3}, new double[] {5, -1, 2}, new double[] {-2, -1, -1},
                new double[] {0, 0, 0});
        assertArrayEquals(new int[] {1, 0, 1, 0}, Ops.argmaxRows(a));
        assertArrayEquals(new int[] {0, 0, 0}, Ops.argmaxRows(tensor(dt, new double[] {4, -3, 2}, 3, 1)));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void sumAndDot(DType dt) {
        Tensor a = matrix(dt, A);
        assertEquals(21, Ops.sum(a), 0);
        assertEquals(1 * 7 + 2 * 9 + 3 * 11 + 4 * 8 + 5 * 10 + 6 * 12, Ops.dot(a, matrix(dt, B_T)), 0);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void sumAndDotAccumulateInDouble(DType dt) {
        // In float, 1e8 + 1 rounds back to 1e8, so a float accumulator would return 0.
        Tensor a = tensor(dt, new double[] {1e8, 1, -1e8}, 3);
        assertEquals(1, Ops.sum(a), 0, "sum");
        assertEquals(1, Ops.dot(a, tensor(dt, new double[] {1, 1, 1}, 3)), 0, "dot");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void fillAndCopy(DType dt) {
        Tensor t = backend().zeros(dt, 2, 3, 2);
        Ops.fill(t, 2.5);
        double[] expected = new double[12];
        java.util.Arrays.fill(expected, 2.5);
        assertClose(expected, t, 0, "fill");
        Tensor src = matrix(dt, A);
        Tensor dst = Ops.like(src);
        Ops.copy(src, dst);
        assertClose(flat(A), dst, 0, "copy");
        Ops.fill(src, -1);
        assertClose(flat(A), dst, 0, "copy is independent of its source");
    }
}
