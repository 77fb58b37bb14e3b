package dev.nn4j.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.ReferenceMath;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every element-wise activation and its derivative against the scalar reference formulas of
 * {@link Activation}, on inputs that include 0 (where ND4J's own leaky-ReLU and ELU backward
 * ops disagree with the reference), in both dtypes, with and without {@code dx} aliasing
 * {@code dy}; softmax and log-softmax against values worked out in double.
 */
class Nd4jActivationsTest {
    private static final double[] XS = {-6, -3, -1.5, -1, -0.5, -0.01, 0, 0.01, 0.5, 1, 2, 3.5, 6};
    private static final Activation[] ELEMENT_WISE = {
        Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LEAKY_RELU,
        Activation.leakyRelu(0.2), Activation.ELU, Activation.elu(0.7), Activation.GELU,
    };

    private final Backend nd4j = Backends.get("nd4j");

    private static double tol(DType dtype) {
        return dtype == DType.FLOAT32 ? 2e-6 : 1e-12;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void forwardAndBackwardMatchTheReferenceFormulas(DType dtype) {
        double[] dys = new double[XS.length];
        for (int i = 0; i < dys.length; i++) {
            dys[i] = 0.5 + 0.25 * i;
        }
        for (Activation f : ELEMENT_WISE) {
            double[] xs = rounded(dtype, XS);
            double[] y = new double[xs.length];
            double[] dx = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                y[i] = f.apply(xs[i]);
                dx[i] = rounded(dtype, dys)[i] * f.derivative(xs[i], y[i]);
            }
            try (Tensor x = vec(dtype, xs);
                 Tensor out = Ops.activation(f, x);
                 Tensor dyT = vec(dtype, dys);
                 Tensor dxT = Ops.like(x)) {
                assertClose(y, out, tol(dtype), f + " forward");
                Ops.activationBackward(f, x, out, dyT, dxT);
                assertClose(dx, dxT, tol(dtype), f + " backward");
                Ops.activationBackward(f, x, out, dyT, dyT);
                assertClose(dx, dyT, tol(dtype), f + " backward with dx == dy");
                Ops.activation(f, x, x);
                assertClose(y, x, tol(dtype), f + " forward in place");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void softmaxForwardAndBackwardPerRow(DType dtype) {
        double[][] rows = {{1, 2, 3, 4}, {1000, 1001, 999, -3}, {-2, -2, -2, -2}};
        double[][] dys = {{1, 2, 3, 4}, {0, 1, 0, 0}, {1, -1, 2, 0}};
        try (Tensor x = nd4j.matrix(dtype, rows);
             Tensor y = Ops.activation(Activation.SOFTMAX, x);
             Tensor dy = nd4j.matrix(dtype, dys);
             Tensor dx = Ops.like(x)) {
            double[] expectedY = ReferenceMath.flatten(ReferenceMath.softmax(rows));
            double[] expectedDx = ReferenceMath.flatten(ReferenceMath.softmaxBackward(ReferenceMath.softmax(rows), dys));
            assertClose(expectedY, y, 1e-6, "softmax");
            Ops.activationBackward(Activation.SOFTMAX, x, y, dy, dx);
            assertClose(expectedDx, dx, 1e-6, "softmax backward");
            Ops.activationBackward(Activation.SOFTMAX, x, y, dy, dy);
            assertClose(expectedDx, dy, 1e-6, "softmax backward with dx == dy");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void logSoftmaxIsStableFarBelowTheRowMaximum(DType dtype) {
        // Row 1: exp(-1004) underflows, so log(softmax) would be -Infinity; the stable form is finite.
        double[][] rows = {{1000, 1001, 999, -3}, {0.5, -0.5, 0, 0}};
        double[] expected = ReferenceMath.flatten(ReferenceMath.logSoftmax(rows));
        try (Tensor x = nd4j.matrix(dtype, rows); Tensor out = Ops.like(x)) {
            Ops.logSoftmax(x, out);
            assertClose(expected, out, 1e-6, "logSoftmax");
            Ops.logSoftmax(x, x);
            assertClose(expected, x, 1e-6, "logSoftmax in place");
        }
        assertEquals(-1004.4076, expected[3], 1e-4, "hand-worked value of the far entry");
    }

    /**
     * The derivatives at NaN and the infinities, natively (the heap path is off): ReLU and leaky
     * ReLU keep NaN (libnd4j's {@code Step} gives 0), ELU's is 1 at +∞ (not {@code 0·∞}).
     */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void derivativesAtNaNAndInfinityFollowTheReference(DType dtype) {
        Backend natively = new Nd4jBackend(0);
        double[] xs = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 2};
        double[][] expected = {
            {Double.NaN, 0, 1, 0, 1},           // relu
            {Double.NaN, 0.2, 1, 0.2, 1},       // leaky relu(0.2)
            {Double.NaN, 0, 1, 1, 1},           // elu(1): y + 1 = e^x where x <= 0
        };
        Activation[] fs = {Activation.RELU, Activation.leakyRelu(0.2), Activation.ELU};
        for (int k = 0; k < fs.length; k++) {
            try (Tensor x = natively.zeros(dtype, xs.length);
                 Tensor y = natively.zeros(dtype, xs.length);
                 Tensor dy = natively.zeros(dtype, xs.length);
                 Tensor dx = natively.zeros(dtype, xs.length)) {
                x.setAll(xs);
                Ops.activation(fs[k], x, y);
                Ops.fill(dy, 1);
                Ops.activationBackward(fs[k], x, y, dy, dx);
                double[] got = dx.toDoubleArray();
                for (int i = 0; i < xs.length; i++) {
                    double e = dtype == DType.FLOAT32 ? (float) expected[k][i] : expected[k][i];
                    assertEquals(e, got[i], 0, fs[k] + "'(" + xs[i] + ") " + dtype);
                }
            }
        }
    }

    private Tensor vec(DType dtype, double[] values) {
        Tensor t = nd4j.zeros(dtype, values.length);
        t.setAll(values);
        return t;
    }

    private static double[] rounded(DType dtype, double[] v) {
        double[] out = v.clone();
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) out[i];
            }
        }
        return out;
    }

    static void assertClose(double[] expected, Tensor actual, double tol, String what) {
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, what + ": length");
        for (int i = 0; i < got.length; i++) {
            double err = Math.abs(got[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
            assertTrue(err <= tol, what + " " + actual.dtype() + ": element " + i + " is " + got[i]
                    + ", expected " + expected[i] + " (relative error " + err + ")");
        }
    }
}
