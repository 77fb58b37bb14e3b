package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.ImageOps;
import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every floating operation of {@link Ops}, {@link ImageOps} and {@link Tensor}'s conveniences
 * refuses INT32 and INT64 operands before a kernel runs, with an {@link OpException} in the
 * format {@code <op>: <operand> is <shape> <DTYPE>; <op> needs FLOAT32 or FLOAT64}, and leaves
 * its output untouched; never a ClassCastException or a result computed from the wrong storage.
 * {@code fill}, {@code copy} and {@code reshape} take integers ({@link TensorConformance}), and so do
 * the general operations where their functions are defined on integers ({@link PrimitiveConformance}).
 */
public abstract class IntegerRefusalConformance extends ConformanceSupport {

    /** Asserts an OpException for {@code op} naming an integer operand and the rule; returns the message. */
    private static String refused(DType dt, String op, Executable call) {
        OpException e = assertThrows(OpException.class, call, op);
        String m = e.getMessage();
        assertTrue(m.startsWith(op + ": ") && m.contains(" " + dt + ";") && m.endsWith(op + " needs FLOAT32 or FLOAT64"),
                "message for " + op + ": " + m);
        assertEquals(op, e.op());
        return m;
    }

    /** A tensor of {@code dt} filled with 5, so that a refused call can be seen to leave it alone. */
    private Tensor fives(DType dt, int... dims) {
        Tensor t = backend().zeros(dt, dims);
        Ops.fill(t, 5);
        return t;
    }

    private static void untouched(Tensor... ts) {
        for (Tensor t : ts) {
            long[] fives = new long[t.size()];
            Arrays.fill(fives, 5);
            assertArrayEquals(fives, t.toLongArray(), "a refused call leaves " + t.shape() + " untouched");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"INT32", "INT64"})
    void matrixAndElementWiseOperationsRefuseIntegers(DType dt) {
        Tensor a = fives(dt, 2, 3);
        Tensor b = fives(dt, 3, 2);
        Tensor c = fives(dt, 2, 2);
        Tensor same = fives(dt, 2, 3);
        Tensor out = fives(dt, 2, 3);
        assertEquals("matmul: a is [2x3] " + dt + "; matmul needs FLOAT32 or FLOAT64", refused(dt, "matmul",
                () -> Ops.matmul(a, b)));
        refused(dt, "matmul", () -> Ops.matmul(a, b, c));
        refused(dt, "matmul", () -> a.matmul(b));
        refused(dt, "gemm", () -> Ops.gemm(false, false, 1, a, b, 0, c));
        refused(dt, "add", () -> Ops.add(a, same, out));
        refused(dt, "add", () -> Ops.add(a, same));
        refused(dt, "add", () -> a.add(same));
        refused(dt, "sub", () -> Ops.sub(a, same, out));
        refused(dt, "sub", () -> a.sub(same));
        refused(dt, "hadamard", () -> Ops.hadamard(a, same, out));
        refused(dt, "hadamard", () -> a.hadamard(same));
        refused(dt, "div", () -> Ops.div(a, same, out));
        refused(dt, "scale", () -> Ops.scale(a, 2, out));
        refused(dt, "scale", () -> a.mul(2));
        refused(dt, "addScalar", () -> Ops.addScalar(a, 1, out));
        refused(dt, "addScalar", () -> a.plus(1));
        refused(dt, "axpby", () -> Ops.axpby(1, a, 1, out));
        refused(dt, "adamUpdate", () -> Ops.adamUpdate(out, a, same, fives(dt, 2, 3), 0.9, 0.999, 0.1, 1, 1e-8,
                fives(dt, 2, 3)));
        for (Unary op : Unary.values()) {
            if (op != Unary.NEG && op != Unary.ABS && op != Unary.SQUARE && op != Unary.SIGN) {
                refused(dt, op.name().toLowerCase(java.util.Locale.ROOT), () -> Ops.unary(op, a, out));
            }
        }
        refused(dt, "div", () -> Ops.binary(dev.nn4j.tensor.Binary.DIV, a, same, out));
        refused(dt, "pow", () -> Ops.binary(dev.nn4j.tensor.Binary.POW, a, same, out));
        refused(dt, "affine", () -> Ops.affine(a, 2, 1, out));
        refused(dt, "reduce sum", () -> Ops.reduce(dev.nn4j.tensor.Reduce.SUM, a, new int[] {0}, true));
        refused(dt, "clamp", () -> Ops.clamp(a, 0, 1, out));
        refused(dt, "sum", () -> Ops.sum(a));
        refused(dt, "dot", () -> Ops.dot(a, same));
        untouched(a, b, c, same, out);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"INT32", "INT64"})
    void activationsAndRowOperationsRefuseIntegers(DType dt) {
        Tensor x = fives(dt, 2, 3);
        Tensor y = fives(dt, 2, 3);
        Tensor row = fives(dt, 1, 3);
        Tensor t = fives(dt, 3, 2);
        for (Activation f : new Activation[] {Activation.RELU, Activation.SIGMOID, Activation.SOFTMAX}) {
            refused(dt, f.id(), () -> Ops.activation(f, x, y));
            refused(dt, f.id(), () -> Ops.activation(f, x));
            refused(dt, f.id(), () -> x.map(f));
            refused(dt, f.id() + " backward", () -> Ops.activationBackward(f, x, x, x, y));
            refused(dt, "addRowVectorActivation (" + f.id() + ")", () -> Ops.addRowVectorActivation(y, row, f, y));
        }
        refused(dt, "logSoftmax", () -> Ops.logSoftmax(x, y));
        refused(dt, "transpose", () -> Ops.transpose(x, t));
        refused(dt, "transpose", () -> Ops.transpose(x));
        refused(dt, "transpose", x::transpose);
        refused(dt, "sumRows", () -> Ops.sumRows(x, row));
        refused(dt, "sumRows", () -> Ops.sumRows(x));
        refused(dt, "addRowVector", () -> Ops.addRowVector(x, row, y));
        refused(dt, "addRowVector", () -> Ops.addRowVector(x, row));
        int[] argmax = {7, 7};
        refused(dt, "argmaxRows", () -> Ops.argmaxRows(x, argmax));
        refused(dt, "argmaxRows", () -> Ops.argmaxRows(x));
        assertArrayEquals(new int[] {7, 7}, argmax);
        untouched(x, y, row, t);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"INT32", "INT64"})
    void imageOperationsRefuseIntegers(DType dt) {
        ConvGeometry g = ConvGeometry.of(Shape.of(2, 3, 4, 4), 2, 2, 2, 2, new int[] {0, 0, 0, 0});
        Tensor x = fives(dt, 2, 3, 4, 4);
        Tensor w = fives(dt, 4, 3, 2, 2);
        Tensor bias = fives(dt, 4);
        Tensor z = fives(dt, 2, 4, 2, 2);
        Tensor dw = fives(dt, 4, 3, 2, 2);
        Tensor dx = fives(dt, 2, 3, 4, 4);
        Tensor pooled = fives(dt, 2, 3, 2, 2);
        Tensor c3 = fives(dt, 3);
        Tensor c3b = fives(dt, 3);
        assertEquals("conv2d: x is [2x3x4x4] " + dt + "; conv2d needs FLOAT32 or FLOAT64",
                refused(dt, "conv2d", () -> ImageOps.conv2d(x, w, bias, g, Activation.RELU, z, z)));
        refused(dt, "conv2d backward", () -> ImageOps.conv2dBackward(x, w, z, g, dw, bias, dx));
        refused(dt, "maxPool2d", () -> ImageOps.maxPool2d(x, g, pooled));
        refused(dt, "maxPool2d backward", () -> ImageOps.maxPool2dBackward(x, pooled, g, dx));
        refused(dt, "avgPool2d", () -> ImageOps.avgPool2d(x, g, pooled));
        refused(dt, "avgPool2d backward", () -> ImageOps.avgPool2dBackward(pooled, g, dx));
        refused(dt, "channelMeanVariance", () -> ImageOps.channelMeanVariance(x, 3, c3, c3b));
        refused(dt, "batchNorm", () -> ImageOps.batchNorm(x, 3, c3, c3b, 1e-5, c3, c3b, dx));
        refused(dt, "batchNorm backward", () -> ImageOps.batchNormBackward(x, dx, 3, c3, c3b, 1e-5, c3, dx, c3, c3b));
        untouched(x, w, bias, z, dw, dx, pooled, c3, c3b);
    }

    @Test
    void mixingAnIntegerWithAFloatingOperandIsADtypeMismatch() {
        Tensor i = fives(DType.INT32, 2, 2);
        Tensor f = fives(DType.FLOAT32, 2, 2);
        Tensor l = fives(DType.INT64, 2, 2);
        OpException e = assertThrows(OpException.class, () -> Ops.add(f, i, f));
        assertEquals("add: a is [2x2] FLOAT32, b is [2x2] INT32, out is [2x2] FLOAT32; all operands must have one dtype",
                e.getMessage());
        assertThrows(OpException.class, () -> Ops.matmul(i, f));
        assertThrows(OpException.class, () -> Ops.dot(i, l));
        assertThrows(OpException.class, () -> ImageOps.channelMeanVariance(fives(DType.FLOAT64, 2, 2, 1, 1), 2,
                fives(DType.INT64, 2), fives(DType.FLOAT64, 2)));
        untouched(i, f, l);
    }
}
