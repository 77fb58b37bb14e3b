package dev.nn4j.nd4j;

import dev.nn4j.tensor.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.same.Cube;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Activation forward and backward passes and softmax along any axis as ND4J ops, with the formulas of
 * {@link Activation#apply} and {@link Activation#derivative}.
 *
 * <p>ND4J's own ops are used where they compute exactly those formulas (sigmoid, tanh, ReLU,
 * leaky ReLU, ELU). The rest is composed from element-wise ops:
 * <ul>
 *   <li>GELU: ND4J's {@code GELU} is the sigmoid approximation {@code x·σ(1.702x)} and its
 *       {@code PreciseGELU} differed from the tanh formula by up to 0.02 in our checks
 *       (1.0.0-M2.1), so the tanh approximation is built from cube, tanh and scalar ops;</li>
 *   <li>derivatives: ND4J's leaky-ReLU and ELU backward ops use slope 1 at {@code x == 0},
 *       the reference uses {@code alpha}; the derivative {@code f'} is therefore formed in a
 *       buffer and multiplied into {@code dy}; ReLU's and leaky ReLU's keep NaN, ELU's is 1 at
 *       {@code +∞} (the IEEE special values the fusion conformance suite checks);</li>
 *   <li>softmax and log-softmax: ND4J's {@code SoftMax} returned NaN for a DOUBLE row of -800s
 *       and its {@code LogSoftMax} {@code -Infinity} for entries 1000 below the row maximum, so
 *       both are composed after subtracting the row maximum;</li>
 *   <li>softmax backward: ND4J's {@code SoftmaxBp} gave wrong results when its output
 *       aliased its gradient input, so {@code dx = y ⊙ (dy - rowsum(dy ⊙ y))} is composed.</li>
 * </ul>
 * Temporaries come from the calling thread's {@link Nd4jScratch}: after the first call with a
 * shape, nothing is allocated.
 */
final class Nd4jActivations {
    private static final double GELU_C = Math.sqrt(2.0 / Math.PI);
    private static final double GELU_K = 0.044715;

    private Nd4jActivations() {
    }

    /** {@code out = f(x)}; {@code out} may be {@code x}. */
    static void forward(Nd4jScratch s, Activation f, INDArray x, INDArray out) {
        switch (f.kind()) {
            case IDENTITY -> {
                if (out != x) {
                    out.assign(x);
                }
            }
            case SIGMOID -> Nd4j.exec(new Sigmoid(x, out));
            case TANH -> Nd4j.exec(new Tanh(x, out));
            case RELU -> s.scalar(RectifiedLinear::new, "relu", x, 0.0, out);
            case LEAKY_RELU -> s.scalar(LeakyReLU::new, "leakyrelu", x, f.alpha(), out);
            case ELU -> s.custom(new ELU(), new INDArray[] {x}, out, Nd4jScratch.NO_INTS, f.alpha());
            case SOFTMAX -> softmax(s, x, out);
            case GELU -> gelu(s, x, out);
            default -> throw new UnsupportedOperationException("nd4j activation: " + f + " is not implemented");
        }
    }

    /** {@code 0.5·x·(1 + tanh(c·(x + k·x³)))}. */
    private static void gelu(Nd4jScratch s, INDArray x, INDArray out) {
        INDArray t = s.like("gelu", x);
        geluTanh(s, x, t);
        s.plus(t, 1.0, t);
        s.times(t, 0.5, t);
        s.mul(x, t, out);
    }

    /** {@code t = tanh(c·(x + k·x³))}; {@code t} is not {@code x}. */
    private static void geluTanh(Nd4jScratch s, INDArray x, INDArray t) {
        Nd4j.exec(new Cube(x, t));
        s.times(t, GELU_K, t);
        s.add(t, x, t);
        s.times(t, GELU_C, t);
        Nd4j.exec(new Tanh(t, t));
    }

    /** {@code dx = dy ⊙ f'(x)} (softmax: the row-wise Jacobian product); {@code dx} may be {@code dy}. */
    static void backward(Nd4jScratch s, Activation f, INDArray x, INDArray y, INDArray dy, INDArray dx) {
        if (f.kind() == Activation.Kind.SOFTMAX) {
            softmaxBackward(s, y, dy, dx);
            return;
        }
        if (f.kind() == Activation.Kind.IDENTITY) {
            if (dx != dy) {
                dx.assign(dy);
            }
            return;
        }
        INDArray d = dx != dy && dx != x && dx != y ? dx : s.like("derivative", x);
        derivative(s, f, x, y, d);
        s.mul(dy, d, dx);
    }

    /** {@code d = f'(x)} given {@code y = f(x)}; {@code d} is none of {@code x} and {@code y}. */
    private static void derivative(Nd4jScratch s, Activation f, INDArray x, INDArray y, INDArray d) {
        switch (f.kind()) {
            case SIGMOID -> Nd4j.exec(new TimesOneMinus(y, d));
            case TANH -> {
                Nd4j.exec(new Square(y, d));
                s.minusFrom(1.0, d, d);
            }
            case RELU -> {
                positive(s, x, d);
                keepNaN(s, x, d);
            }
            case LEAKY_RELU -> {
                positive(s, x, d);
                s.times(d, 1.0 - f.alpha(), d);
                s.plus(d, f.alpha(), d);
                keepNaN(s, x, d);
            }
            case ELU -> eluDerivative(s, x, y, f.alpha(), d);
            case GELU -> geluDerivative(s, x, d);
            default -> throw new UnsupportedOperationException("nd4j activation derivative: " + f + " is not element-wise");
        }
    }

    /**
     * NaN in {@code d} where {@code x} is NaN, {@code d} unchanged elsewhere, as
     * {@link Activation#derivative} has it for ReLU and leaky ReLU (libnd4j's {@code Step} maps NaN
     * to 0): {@link Nd4jElementwise#restoreNaN}.
     */
    private static void keepNaN(Nd4jScratch s, INDArray x, INDArray d) {
        Nd4jElementwise.restoreNaN(s, x, d);
    }

    /** {@code d = x > 0 ? 1 : 0}. */
    private static void positive(Nd4jScratch s, INDArray x, INDArray d) {
        s.scalar(Step::new, "step", x, 0.0, d);
    }

    /**
     * {@code d = x > 0 ? 1 : y + alpha}, as {@code s + (1 - s)·(y + alpha)} with {@code s = [x > 0]}.
     * {@code y + alpha = alpha·e^x} is at most {@code max(alpha, 0)} where {@code x ≤ 0}, so it is
     * capped there first (and NaN put back where {@code y} has it, since {@code ScalarMin} drops
     * it): for {@code x = +∞} the product is then {@code 0·alpha}, not {@code 0·∞ = NaN}.
     */
    private static void eluDerivative(Nd4jScratch s, INDArray x, INDArray y, double alpha, INDArray d) {
        INDArray t = s.like("elu", x);
        s.plus(y, alpha, t);
        s.scalar(ScalarMin::new, "min", t, Math.max(alpha, 0), t);
        Nd4jElementwise.restoreNaN(s, y, t);
        positive(s, x, d);
        s.minusFrom(1.0, d, d);
        s.mul(t, d, t);
        s.minusFrom(1.0, d, d);
        s.add(d, t, d);
    }

    /**
     * {@code d = 0.5·(1 + t) + 0.5·x·(1 - t²)·c·(1 + 3k·x²)} with {@code t = tanh(c·(x + k·x³))},
     * computed as {@code (1 + t)·(0.5 + b·(1 - t))} where {@code b = 0.5·c·x·(1 + 3k·x²)}.
     */
    private static void geluDerivative(Nd4jScratch s, INDArray x, INDArray d) {
        INDArray t = s.like("gelu", x);
        geluTanh(s, x, t);
        Nd4j.exec(new Square(x, d));
        s.times(d, 3 * GELU_K, d);
        s.plus(d, 1.0, d);
        s.times(d, 0.5 * GELU_C, d);
        s.mul(d, x, d);
        s.minusFrom(1.0, t, t);
        s.mul(d, t, d);
        s.plus(d, 0.5, d);
        s.minusFrom(2.0, t, t);
        s.mul(d, t, d);
    }

    /** Per row: {@code dx = y ⊙ (dy - sum(dy ⊙ y))}; {@code dx} may be {@code dy}. */
    private static void softmaxBackward(Nd4jScratch s, INDArray y, INDArray dy, INDArray dx) {
        INDArray prod = s.like("softmax", y);
        INDArray rowSums = column(s, y);
        s.mul(y, dy, prod);
        rowSum(s, prod, rowSums);
        s.sub(dy, rowSums, dx);
        s.mul(dx, y, dx);
    }

    /**
     * Softmax ({@code log} false) or log-softmax along {@code axis} of {@code x} of any rank;
     * {@code out} may be {@code x}. The last axis runs as rows of a matrix view (row maxima by a
     * reduction, row sums by gemm with ones); another axis with the reductions along it and
     * libnd4j's broadcasting subtract and divide.
     */
    static void softmax(Nd4jScratch s, INDArray x, int axis, boolean log, INDArray out) {
        int rank = x.rank();
        if (axis == rank - 1) {
            INDArray rows = rank == 2 ? x : x.reshape('c', x.length() / x.size(axis), x.size(axis));
            INDArray outRows = out == x ? rows : rank == 2 ? out : out.reshape('c', rows.shape());
            if (log) {
                logSoftmax(s, rows, outRows);
            } else {
                softmax(s, rows, outRows);
            }
            return;
        }
        long[] columnShape = x.shape().clone();
        columnShape[axis] = 1;
        INDArray column = s.array("softmax axis column", x.dataType(), columnShape);
        int[] dims = {axis};
        s.reduce((a, b, z) -> new Max(a, z, true, dims), "max along " + axis, x, null, column);
        s.sub(x, column, out);
        INDArray exp = log ? s.like("softmax", x) : out;
        Nd4j.exec(new Exp(out, exp));
        s.reduce((a, b, z) -> new Sum(a, z, true, dims), "sum along " + axis, exp, null, column);
        if (log) {
            Nd4j.exec(new Log(column, column));
            s.sub(out, column, out);
        } else {
            s.div(out, column, out);
        }
    }

    /** Per row: {@code out = exp(x - max) / sum(exp(x - max))}; {@code out} may be {@code x}. */
    private static void softmax(Nd4jScratch s, INDArray x, INDArray out) {
        INDArray column = column(s, x);
        subtractRowMax(s, x, out, column);
        Nd4j.exec(new Exp(out, out));
        rowSum(s, out, column);
        s.div(out, column, out);
    }

    /** Per row: {@code out = x - max - log(sum(exp(x - max)))}; {@code out} may be {@code x}. */
    private static void logSoftmax(Nd4jScratch s, INDArray x, INDArray out) {
        INDArray column = column(s, x);
        INDArray exp = s.like("softmax", x);
        subtractRowMax(s, x, out, column);
        Nd4j.exec(new Exp(out, exp));
        rowSum(s, exp, column);
        Nd4j.exec(new Log(column, column));
        s.sub(out, column, out);
    }

    /** A scratch {@code [rows x 1]} column for per-row maxima and sums of {@code x}. */
    private static INDArray column(Nd4jScratch s, INDArray x) {
        return s.array("column", x.dataType(), x.rows(), 1);
    }

    /** {@code column = sum(row)} per row of {@code x}, as {@code x · ones} (BLAS). */
    private static void rowSum(Nd4jScratch s, INDArray x, INDArray column) {
        s.gemm(false, false, 1.0, x, s.constant("ones", 1.0, x.dataType(), x.columns(), 1), 0.0, column);
    }

    /** {@code out = x - max(row)} per row, using {@code column} ({@code [rows x 1]}) for the maxima. */
    private static void subtractRowMax(Nd4jScratch s, INDArray x, INDArray out, INDArray column) {
        s.reduce((a, b, z) -> new Max(a, z, 1), "max1", x, null, column);
        s.sub(x, column, out);
    }
}
