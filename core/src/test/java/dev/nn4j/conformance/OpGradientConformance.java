package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.GradientCheck;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every op's recorded backward pass on the backend under test, against central differences in
 * FLOAT64 ({@link GradientCheck}): element-wise ops with every broadcast pattern, unary
 * functions on their domains, activations, products with every transposition and broadcast
 * batches, reductions, reshapes, softmax along each axis, the fused dense op, the losses, and the
 * ops of sequence models (embedding, layer norm, GELU, permute, mean, masks).
 */
public abstract class OpGradientConformance extends ConformanceSupport {
    static final double EPS = 1e-6;
    static final double TOL = 1e-6;

    private final SplittableRandom rnd = new SplittableRandom(7);

    private Tensor in(double lo, double hi, int... dims) {
        return random(DType.FLOAT64, rnd, lo, hi, dims);
    }

    private void check(String what, GradientCheck.Graph graph, Tensor... inputs) {
        try {
            GradientCheck.Result r = GradientCheck.check(backend(), List.of(inputs), graph, EPS);
            assertTrue(r.passed(TOL), what + ": " + r);
        } finally {
            for (Tensor t : inputs) {
                t.close();
            }
        }
    }

    private void check1(String what, Function<Var, Var> f, Tensor x) {
        check(what, (r, v) -> f.apply(v.get(0)), x);
    }

    private void check2(String what, BiFunction<Var, Var, Var> f, Tensor a, Tensor b) {
        check(what, (r, v) -> f.apply(v.get(0), v.get(1)), a, b);
    }

    /** Pairs of shapes that broadcast: equal, row, column, scalar, middle axis, both sides, lower rank. */
    static final int[][][] BROADCASTS = {
        {{2, 3}, {2, 3}}, {{4, 3}, {1, 3}}, {{4, 3}, {4, 1}}, {{2, 3}, {}}, {{2, 3, 4}, {2, 1, 4}},
        {{3, 1}, {1, 4}}, {{2, 3, 4}, {4}}, {{5}, {2, 1, 5}}};

    @Test
    void binaryOpsBroadcastAndDifferentiate() {
        for (int[][] p : BROADCASTS) {
            String shapes = Shape.of(p[0]) + " and " + Shape.of(p[1]);
            check2("add " + shapes, F::add, in(-1, 1, p[0]), in(-1, 1, p[1]));
            check2("sub " + shapes, F::sub, in(-1, 1, p[0]), in(-1, 1, p[1]));
            check2("mul " + shapes, F::mul, in(-1, 1, p[0]), in(-1, 1, p[1]));
            check2("div " + shapes, F::div, in(-1, 1, p[0]), in(0.5, 2, p[1]));
            check2("pow " + shapes, F::pow, in(0.5, 2, p[0]), in(-1.5, 1.5, p[1]));
            check2("max " + shapes, (a, b) -> F.binary(Binary.MAX, a, b), in(-1, 1, p[0]), in(-1, 1, p[1]));
            check2("min " + shapes, (a, b) -> F.binary(Binary.MIN, a, b), in(-1, 1, p[0]), in(-1, 1, p[1]));
        }
    }

    @Test
    void unaryFunctionsOnTheirDomains() {
        for (Unary f : Unary.values()) {
            if (f == Unary.SIGN) {
                continue;
            }
            boolean positive = f == Unary.LOG || f == Unary.SQRT || f == Unary.RSQRT || f == Unary.RECIPROCAL;
            // away from the kinks of abs and relu, where central differences straddle them
            Tensor x = positive ? in(0.5, 2, 3, 4) : kinkFree(3, 4);
            check1(f.name().toLowerCase(), v -> F.unary(f, v), x);
        }
    }

    @Test
    void affineClampAndWhere() {
        check1("affine", v -> F.affine(v, -2.5, 0.75), in(-1, 1, 2, 5));
        check1("clamp", v -> F.clamp(v, -0.5, 0.5), kinkFree(4, 4));
        check(
            "where", (r, v) -> F.where(F.binary(Binary.GREATER, v.get(0), F.zerosLike(v.get(0))), v.get(1), v.get(2)),
            in(-1, 1, 3, 4), in(-1, 1, 3, 4), in(-1, 1, 1, 4));
    }

    @Test
    void activationsOfEveryKind() {
        Activation[] all = {Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU,
            Activation.leakyRelu(0.1), Activation.elu(0.7), Activation.GELU, Activation.SOFTMAX};
        for (Activation f : all) {
            check1("activation " + f.id(), v -> F.activation(f, v), kinkFree(4, 5));
        }
    }

    @Test
    void matmulWithEveryTranspositionAndBroadcastBatches() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                String what = "matmul" + (ta ? " aᵀ" : " a") + (tb ? " bᵀ" : " b");
                check2(what, (a, b) -> F.matmul(a, b, ta, tb), in(-1, 1, ta ? new int[] {4, 3} : new int[] {3, 4}),
                        in(-1, 1, tb ? new int[] {5, 4} : new int[] {4, 5}));
                check2(what + " batched", (a, b) -> F.matmul(a, b, ta, tb),
                        in(-1, 1, ta ? new int[] {2, 1, 4, 3} : new int[] {2, 1, 3, 4}),
                        in(-1, 1, tb ? new int[] {3, 5, 4} : new int[] {3, 4, 5}));
            }
        }
    }

    @Test
    void reductionsReshapesAndBroadcasts() {
        check1("sum axis 1", v -> F.sum(v, new int[] {1}, false), in(-1, 1, 2, 3, 4));
        check1("sum axes 0,-1 kept", v -> F.sum(v, new int[] {0, -1}, true), in(-1, 1, 2, 3, 4));
        check1("sum all", v -> F.sum(v, new int[] {0, 1, 2}, false), in(-1, 1, 2, 3, 4));
        check1("sumTo", v -> F.sumTo(v, Shape.of(3, 1)), in(-1, 1, 2, 3, 4));
        check1("expand", v -> F.expand(v, Shape.of(2, 3, 4)), in(-1, 1, 3, 1));
        check1("reshape", v -> F.reshape(v, Shape.of(4, 6)), in(-1, 1, 2, 3, 4));
    }

    @Test
    void softmaxAlongEachAxis() {
        for (int axis = -3; axis < 3; axis++) {
            int a = axis;
            check1("softmax axis " + a, v -> F.softmax(v, a, false), in(-2, 2, 2, 3, 4));
            check1("log_softmax axis " + a, v -> F.softmax(v, a, true), in(-2, 2, 2, 3, 4));
        }
    }

    @Test
    void fusedLinearGivesBothOutputsGradients() {
        for (Activation f : new Activation[] {Activation.IDENTITY, Activation.SIGMOID, Activation.TANH,
            Activation.SOFTMAX}) {
            check("linear " + f.id() + " (y)", (r, v) -> F.linear(v.get(0), v.get(1), v.get(2), f)[0],
                    in(-1, 1, 4, 3), in(-1, 1, 3, 5), in(-1, 1, 1, 5));
            check("linear " + f.id() + " (y and z)", (r, v) -> {
                Var[] yz = F.linear(v.get(0), v.get(1), v.get(2), f);
                return F.add(yz[0], F.scale(yz[1], 0.3));
            }, in(-1, 1, 4, 3), in(-1, 1, 3, 5), in(-1, 1, 1, 5));
        }
    }

    @Test
    void lossesAgreeWithTheirDifferences() {
        // targets are distributions (rows summing to 1), the loss's contract: its gradient (softmax − t)/n uses it
        check("softmax cross-entropy", (r, v) -> F.softmaxCrossEntropy(v.get(0), v.get(1)), in(-2, 2, 4, 5),
                distributions(4, 5));
        check("cross-entropy", (r, v) -> F.crossEntropy(v.get(0), v.get(1)), in(0.1, 0.9, 4, 5), in(0, 1, 4, 5));
        check("mse", (r, v) -> F.squaredError(v.get(0), v.get(1), true), in(-1, 1, 4, 5), in(-1, 1, 4, 5));
        check("squared error", (r, v) -> F.squaredError(v.get(0), v.get(1), false), in(-1, 1, 4, 5),
                in(-1, 1, 4, 5));
    }

    @Test
    void convolutionsWithEveryPaddingAndStride() {
        int[][] pads = {{0, 0, 0, 0}, {1, 1, 1, 1}, {0, 1, 1, 0}};
        for (int[] pad : pads) {
            for (int stride = 1; stride <= 2; stride++) {
                ConvGeometry g = ConvGeometry.of(Shape.of(2, 3, 5, 6), 3, 2, stride, stride, pad);
                String what = "conv2d " + g;
                check(what + " with bias", (r, v) -> F.conv2d(v.get(0), v.get(1), v.get(2), g, Activation.IDENTITY)[0],
                        in(-1, 1, 2, 3, 5, 6), in(-1, 1, 4, 3, 3, 2), in(-1, 1, 4));
                check(what + " tanh, no bias", (r, v) -> F.conv2d(v.get(0), v.get(1), null, g, Activation.TANH)[0],
                        in(-1, 1, 2, 3, 5, 6), in(-1, 1, 4, 3, 3, 2));
            }
        }
    }

    @Test
    void poolsBatchNormAndDropout() {
        ConvGeometry overlapping = ConvGeometry.of(Shape.of(2, 3, 5, 5), 3, 3, 2, 2, new int[] {1, 1, 1, 1});
        check1("max_pool2d " + overlapping, v -> F.maxPool2d(v, overlapping), distinct(2, 3, 5, 5));
        check1("avg_pool2d " + overlapping, v -> F.avgPool2d(v, overlapping), in(-1, 1, 2, 3, 5, 5));
        for (boolean training : new boolean[] {true, false}) {
            check("batch_norm " + (training ? "training" : "inference"), (r, v) -> F.batchNorm(v.get(0), v.get(1),
                    v.get(2), r.constant(statistics[0]), r.constant(statistics[1]), 1e-5, 0.1, training),
                    in(-1, 1, 4, 3, 2, 2), in(0.5, 1.5, 3), in(-1, 1, 3));
        }
        check1("dropout", v -> F.dropout(v, 0.4), in(-1, 1, 6, 7));
    }

    private Tensor[] statistics = new Tensor[2];

    @org.junit.jupiter.api.BeforeEach
    void runningStatistics() {
        statistics[0] = tensor(DType.FLOAT64, new double[] {0.1, -0.2, 0.3}, 3);
        statistics[1] = tensor(DType.FLOAT64, new double[] {0.9, 1.1, 0.7}, 3);
    }

    @org.junit.jupiter.api.AfterEach
    void closeStatistics() {
        statistics[0].close();
        statistics[1].close();
    }

    /** Values whose gaps exceed the difference step, so a window's maximum never changes place when nudged. */
    private Tensor distinct(int... dims) {
        int n = Shape.of(dims).size();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * 37 % n) / (double) n - 0.5;
        }
        return tensor(DType.FLOAT64, v, dims);
    }

    @Test
    void sequenceOps() {
        try (Tensor ids = tensor(DType.INT64, new double[] {2, 0, 4, 2, 1, 4}, 2, 3);
             Tensor ids32 = tensor(DType.INT32, new double[] {3, 1, 3, 0}, 4);
             Tensor causal = tensor(DType.INT32, new double[] {0, 1, 1, 0, 0, 1, 0, 0, 0}, 3, 3);
             Tensor padding = tensor(DType.FLOAT64, new double[] {0, 0, 1, 1, 1, 1, 1, 1}, 2, 1, 4)) {
            check1("embedding", v -> F.embedding(v, v.recorder().constant(ids)), in(-1, 1, 5, 3));
            check1("embedding INT32 ids", v -> F.embedding(v, v.recorder().constant(ids32)), in(-1, 1, 4, 2));
            // the padding row's gradient is zero by definition, not by differences: padding a row no id reads
            // leaves the rest exact (PyTorch's fixture checks a padding row that is read)
            check1("embedding, padding index 3", v -> F.embedding(v, v.recorder().constant(ids), 3), in(-1, 1, 5, 3));
            check1("embedding, padding index -2", v -> F.embedding(v, v.recorder().constant(ids), -2), in(-1, 1, 5, 3));
            check("layer_norm last 2, gamma and beta", (r, v) -> F.layerNorm(v.get(0), v.get(1), v.get(2), 2, 1e-5),
                    in(-2, 2, 2, 3, 4), in(0.5, 1.5, 3, 4), in(-1, 1, 3, 4));
            check("layer_norm last 1, beta only", (r, v) -> F.layerNorm(v.get(0), null, v.get(1), 1, 1e-5),
                    in(-2, 2, 3, 5), in(-1, 1, 5));
            check1("layer_norm all, no affine", v -> F.layerNorm(v, null, null, 3, 1e-3), in(-2, 2, 2, 2, 3));
            check1("gelu exact", v -> F.gelu(v, false), in(-4, 4, 3, 5));
            check1("gelu tanh", v -> F.gelu(v, true), in(-4, 4, 3, 5));
            check1("permute", v -> F.permute(v, 1, -1, 0), in(-1, 1, 2, 3, 4));
            check1("transpose", v -> F.transpose(v, -1, -2), in(-1, 1, 2, 3, 4));
            check1("mean axes 0,2", v -> F.mean(v, new int[] {0, 2}, false), in(-1, 1, 2, 3, 4));
            check1("mean kept", v -> F.mean(v, new int[] {1}, true), in(-1, 1, 2, 3, 4));
            check1("masked_fill", v -> F.maskedFill(v, v.recorder().constant(causal), -2.5), in(-1, 1, 2, 3, 3));
            check1("softmax of masked_fill(-inf)", v -> F.softmax(F.maskedFill(v, v.recorder().constant(causal),
                    Double.NEGATIVE_INFINITY), -1, false), in(-2, 2, 2, 3, 3));
            check1("masked_softmax, one slice fully masked", v -> F.maskedSoftmax(v, v.recorder().constant(padding), -1),
                    in(-2, 2, 2, 3, 4));
        }
    }

    @Test
    void aFullyMaskedSliceOfMaskedSoftmaxIsZeros() {
        try (Tensor x = in(-2, 2, 2, 3);
             Tensor mask = tensor(DType.INT32, new double[] {0, 1, 0, 1, 1, 1}, 2, 3);
             Tensor y = runOne(r -> F.maskedSoftmax(r.constant(x), r.constant(mask), 1))) {
            double[] v = y.toDoubleArray();
            double[] in = x.toDoubleArray();
            double e0 = Math.exp(in[0] - Math.max(in[0], in[2]));
            double e2 = Math.exp(in[2] - Math.max(in[0], in[2]));
            assertEquals(e0 / (e0 + e2), v[0], 1e-12);
            assertEquals(0, v[1]);
            assertEquals(e2 / (e0 + e2), v[2], 1e-12);
            for (int i = 3; i < 6; i++) {
                assertEquals(0.0, v[i], "element " + i + " of the fully masked row");
            }
        }
    }

    @Test
    void anEmbeddingIdOutOfRangeIsNamedWithItsPosition() {
        try (Tensor table = in(-1, 1, 4, 3);
             Tensor ids = tensor(DType.INT32, new double[] {1, 3, 0, 0, 7, 2}, 2, 3)) {
            OpException e = assertThrows(OpException.class,
                    () -> runOne(r -> F.embedding(r.constant(table), r.constant(ids))).close());
            assertEquals("embedding: table is [4x3] FLOAT64, ids is [2x3] INT32; ids[1, 1] is 7, outside [0, 4) "
                    + "(the vocabulary size)", e.getMessage());
        }
    }

    /** Runs the plan computing {@code graph}'s value once and returns a copy of it (the caller closes it). */
    private Tensor runOne(Function<dev.nn4j.autodiff.Recorder, Var> graph) {
        dev.nn4j.autodiff.Recorder r = new dev.nn4j.autodiff.Recorder();
        Var y = graph.apply(r);
        try (dev.nn4j.autodiff.Arena arena = r.plan(List.of(y), null).newArena(backend())) {
            arena.run();
            return dev.nn4j.tensor.Ops.copy(arena.get(y));
        }
    }

    @Test
    void sequenceOpsRefuseBadOperandsByName() {
        dev.nn4j.autodiff.Recorder r = new dev.nn4j.autodiff.Recorder();
        Var x = r.input("x", Shape.of(2, 3, 4), DType.FLOAT32, false);
        Var table = r.input("table", Shape.of(5, 4), DType.FLOAT32, false);
        Var floatIds = r.input("floatIds", Shape.of(2, 3), DType.FLOAT32, false);
        Var ids = r.input("ids", Shape.of(2, 3), DType.INT32, false);
        Var gamma = r.input("gamma", Shape.of(4, 3), DType.FLOAT32, false);
        Var mask = r.input("mask", Shape.of(3, 3), DType.INT32, false);
        assertEquals("embedding: table is [5x4] FLOAT32, ids is [2x3] FLOAT32; needs a FLOAT32 or FLOAT64 table "
                + "[vocab x d] and INT32 or INT64 ids of rank at most 5",
                assertThrows(OpException.class, () -> F.embedding(table, floatIds)).getMessage());
        assertEquals("embedding: table is [5x4] FLOAT32, ids is [2x3] INT32; padding index 5 is outside [-5, 5) "
                + "(the vocabulary size)", assertThrows(OpException.class, () -> F.embedding(table, ids, 5)).getMessage());
        assertEquals("layer_norm: x is [2x3x4] FLOAT32, gamma is [4x3] FLOAT32; gamma must be [3x4] (x's last 2 "
                + "dimensions) of x's dtype", assertThrows(OpException.class,
                        () -> F.layerNorm(x, gamma, null, 2, 1e-5)).getMessage());
        assertEquals("layer_norm: x is [2x3x4] FLOAT32; normalizedDims (4) must be in [1, rank] and eps (1.0E-5) "
                + "finite and at least 0", assertThrows(OpException.class,
                        () -> F.layerNorm(x, null, null, 4, 1e-5)).getMessage());
        assertEquals("gelu: x is [2x3] INT32; gelu needs FLOAT32 or FLOAT64",
                assertThrows(OpException.class, () -> F.gelu(ids, false)).getMessage());
        assertEquals("permute: x is [2x3x4] FLOAT32; axes [0, 2, 0] list axis 0 twice",
                assertThrows(OpException.class, () -> F.permute(x, 0, 2, 0)).getMessage());
        assertEquals("permute: x is [2x3x4] FLOAT32; axes [1, 0] must list each of its 3 axes once",
                assertThrows(OpException.class, () -> F.permute(x, 1, 0)).getMessage());
        assertEquals("transpose: x is [2x3x4] FLOAT32; axis 3 is outside [-3, 3)",
                assertThrows(OpException.class, () -> F.transpose(x, 0, 3)).getMessage());
        assertEquals("mean: x is [2x3] INT32; mean needs FLOAT32 or FLOAT64",
                assertThrows(OpException.class, () -> F.mean(ids, new int[] {0}, false)).getMessage());
        assertEquals("mean: x is [2x3x4] FLOAT32; axis -3 is listed twice",
                assertThrows(OpException.class, () -> F.mean(x, new int[] {0, -3}, false)).getMessage());
        assertEquals("embedding: table is [2x3x4] FLOAT32, ids is [2x3] INT32; needs a FLOAT32 or FLOAT64 table "
                + "[vocab x d] and INT32 or INT64 ids of rank at most 5",
                assertThrows(OpException.class, () -> F.embedding(x, ids, 0)).getMessage());
        assertEquals("masked_fill: x is [2x3x4] FLOAT32, mask is [3x3] INT32; mask must broadcast to x's shape",
                assertThrows(OpException.class, () -> F.maskedFill(x, mask, 0)).getMessage());
        assertEquals("masked_softmax: x is [2x3x4] FLOAT32, mask is [3x3] INT32; mask must broadcast to x's shape",
                assertThrows(OpException.class, () -> F.maskedSoftmax(x, mask, -1)).getMessage());
        assertEquals("masked_softmax: x is [2x3x4] FLOAT32; axis 3 is outside [-3, 3)",
                assertThrows(OpException.class, () -> F.maskedSoftmax(x, F.zerosLike(x), 3)).getMessage());
    }

    @Test
    void aValueReadTwiceGetsTheSumOfItsGradients() {
        // y = x ⊙ x + x: dy/dx = 2x + 1, through a fan-out of three reads
        check1("fan-out", v -> F.add(F.mul(v, v), v), in(-1, 1, 3, 3));
        // a residual block: x + tanh(x·W)
        check2("residual", (x, w) -> F.add(x, F.activation(Activation.TANH, F.matmul(x, w, false, false))),
                in(-1, 1, 4, 3), in(-1, 1, 3, 3));
    }

    @Test
    void badOperandsAreRefusedByName() {
        dev.nn4j.autodiff.Recorder r = new dev.nn4j.autodiff.Recorder();
        Var a = r.input("a", Shape.of(2, 3), DType.FLOAT64, false);
        Var b = r.input("b", Shape.of(4, 1), DType.FLOAT64, false);
        OpException e = assertThrows(OpException.class, () -> F.add(a, F.reshape(b, Shape.of(2, 2))));
        assertEquals("add: a is [2x3] FLOAT64, b is [2x2] FLOAT64; dimension 1 of the broadcast (3 and 2) neither "
                + "match nor is 1", e.getMessage());
        OpException m = assertThrows(OpException.class, () -> F.matmul(a, b, false, false));
        assertTrue(m.getMessage().startsWith("matmul: a is [2x3] FLOAT64, b is [4x1] FLOAT64; "), m.getMessage());
    }

    /** Values in ±[0.1, 1], away from the kinks at 0 (relu, abs, clamp's bounds are at ±0.5 so avoided too). */
    private Tensor kinkFree(int... dims) {
        int n = Shape.of(dims).size();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double m = 0.1 + 0.9 * rnd.nextDouble();
            if (Math.abs(m - 0.5) < 0.05) {
                m += 0.1;
            }
            v[i] = rnd.nextBoolean() ? m : -m;
        }
        return tensor(DType.FLOAT64, v, dims);
    }

    /** {@code rows} rows of {@code cols} positive values summing to 1. */
    private Tensor distributions(int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] = 0.1 + rnd.nextDouble();
                sum += v[r * cols + c];
            }
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] /= sum;
            }
        }
        return tensor(DType.FLOAT64, v, rows, cols);
    }

    static List<Tensor> list(Tensor... t) {
        return new ArrayList<>(List.of(t));
    }
}
