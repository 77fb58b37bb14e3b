package dev.nn4j.nd4j;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Unary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@link Unary} and {@link Binary} functions that libnd4j computes as nn4j defines them,
 * and the ops that compute them; {@link Nd4jPrimitives} sends everything else to the heap.
 * Checked in 1.0.0-M2.1 against the definitions (and {@code Nd4jElementwiseTest}):
 * <ul>
 *   <li>{@code Sign} maps NaN to 0 (nn4j: NaN), so FLOAT {@link Unary#SIGN} is not native
 *       (INT32 and INT64 are);</li>
 *   <li>{@code Erf} is off by up to 4e-8 absolute: native in FLOAT32, not in FLOAT64;</li>
 *   <li>{@code maximum}/{@code minimum} return the other operand when the first is NaN
 *       (nn4j: NaN), so FLOAT {@link Binary#MAX} and {@link Binary#MIN} are native only when
 *       neither operand holds a NaN ({@link Nd4jScratch#mayHoldNaN});</li>
 *   <li>{@code Pow} follows C's {@code pow} ({@code pow(1, NaN) = 1}), not {@link Math#pow}
 *       (NaN), so {@link Binary#POW} is never native;</li>
 *   <li>the comparisons write BOOL only: they run into a BOOL scratch array, then
 *       {@code assign} converts it to 1 and 0 in the output's type.</li>
 * </ul>
 * Broadcasting is libnd4j's own (NumPy's rule): native only when the output's shape is the
 * broadcast of the operands' shapes ({@link #broadcastsExactly}), as libnd4j requires.
 */
final class Nd4jElementwise {
    private Nd4jElementwise() {
    }

    /** True when {@code f} on {@code dtype} runs natively. */
    static boolean nativeUnary(Unary f, DType dtype) {
        if (!dtype.isFloating()) {
            return f == Unary.NEG || f == Unary.ABS || f == Unary.SQUARE || f == Unary.SIGN;
        }
        return switch (f) {
            case SIGN -> false;
            case ERF -> dtype == DType.FLOAT32;
            default -> true;
        };
    }

    /** {@code z = f(x)}, one shape, {@code f} native ({@link #nativeUnary}); {@code z} may be {@code x}. */
    static void unary(Nd4jScratch s, Unary f, INDArray x, INDArray z) {
        switch (f) {
            case EXP -> Nd4j.exec(new Exp(x, z));
            case LOG -> Nd4j.exec(new Log(x, z));
            case SQRT -> Nd4j.exec(new Sqrt(x, z));
            case RSQRT -> Nd4j.exec(new RSqrt(x, z));
            case NEG -> Nd4j.exec(new Negative(x, z));
            case ABS -> Nd4j.exec(new Abs(x, z));
            case SQUARE -> Nd4j.exec(new Square(x, z));
            case RECIPROCAL -> Nd4j.exec(new Reciprocal(x, z));
            case TANH -> Nd4j.exec(new Tanh(x, z));
            case SIGMOID -> Nd4j.exec(new Sigmoid(x, z));
            case RELU -> s.scalar(RectifiedLinear::new, "relu", x, 0.0, z);
            case ERF -> Nd4j.exec(new Erf(x, z));
            case SIGN -> Nd4j.exec(new Sign(x, z));
        }
    }

    /**
     * True when {@code f} may run natively on {@code dtype}; for FLOAT {@link Binary#MAX} and
     * {@link Binary#MIN} the caller must also rule out NaN operands.
     */
    static boolean nativeBinary(Binary f) {
        return f != Binary.POW;
    }

    /**
     * Makes {@code z} NaN where {@code x} is NaN and leaves it alone elsewhere, given that
     * {@code z} (of {@code x}'s shape, not {@code x}) is NaN nowhere else: {@code t = minimum(z, x)},
     * then {@code z = maximum(z, t)}. libnd4j's {@code minimum(a, b)} and {@code maximum(a, b)}
     * of two arrays of one shape return {@code b} when the comparison fails, as it does for NaN,
     * so {@code t} is NaN exactly where {@code x} is and {@code min(z, x) ≤ z} elsewhere. Two
     * element-wise ops (~0.55 ms each for 1.6 M floats); libnd4j's {@code clipbyvalue}, which
     * keeps NaN by itself, took 15 ms.
     */
    static void restoreNaN(Nd4jScratch s, INDArray x, INDArray z) {
        INDArray t = s.like("nan restore", x);
        s.custom(s.op("minimum"), new INDArray[] {z, x}, t, Nd4jScratch.NO_INTS);
        s.custom(s.op("maximum"), new INDArray[] {z, t}, z, Nd4jScratch.NO_INTS);
    }

    /** True when {@code f} is a comparison. */
    static boolean comparison(Binary f) {
        return f == Binary.EQUAL || f == Binary.LESS || f == Binary.GREATER;
    }

    /** True when every dimension of {@code out} is the larger of {@code a}'s and {@code b}'s (equal ranks). */
    static boolean broadcastsExactly(Shape a, Shape b, Shape out) {
        for (int i = 0; i < out.rank(); i++) {
            if (out.dim(i) != Math.max(a.dim(i), b.dim(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code z = f(a, b)} with libnd4j's broadcasting; {@code f} is native ({@link #nativeBinary})
     * and {@code z}'s shape is the broadcast of {@code a}'s and {@code b}'s. {@code z} may be
     * an operand of its shape.
     */
    static void binary(Nd4jScratch s, Binary f, INDArray a, INDArray b, INDArray z) {
        switch (f) {
            case ADD -> s.add(a, b, z);
            case SUB -> s.sub(a, b, z);
            case MUL -> s.mul(a, b, z);
            case DIV -> s.div(a, b, z);
            case MAX -> s.custom(s.op("maximum"), new INDArray[] {a, b}, z, Nd4jScratch.NO_INTS);
            case MIN -> s.custom(s.op("minimum"), new INDArray[] {a, b}, z, Nd4jScratch.NO_INTS);
            case EQUAL, LESS, GREATER -> {
                INDArray flags = s.array("comparison", DataType.BOOL, z.shape());
                String name = f == Binary.EQUAL ? "equals" : f == Binary.LESS ? "less" : "greater";
                s.custom(s.op(name), new INDArray[] {a, b}, flags, Nd4jScratch.NO_INTS);
                s.assign(flags, z);
            }
            case POW -> throw new IllegalArgumentException("nd4j binary: POW has no native path");
        }
    }
}
