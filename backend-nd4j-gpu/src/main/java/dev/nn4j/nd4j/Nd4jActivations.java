package dev.nn4j.nd4j;

import dev.nn4j.nn.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
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
 * Activation forward and backward passes and log-softmax as ND4J ops, with the formulas of
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
 *       buffer and multiplied into {@code dy};</li>
 *   <li>softmax and log-softmax: ND4J's {@code SoftMax} returned NaN for a DOUBLE row of -800s
 *       and its {@code LogSoftMax} {@code -Infinity} for entries 1000 below the row maximum, so
 *       both are composed after subtracting the row maximum;</li>
 *   <li>softmax backward: ND4J's {@code SoftmaxBp} gave wrong results when its output
 *       aliased its gradient input, so {@code dx = y ⊙ (dy - rowsum(dy ⊙ y))} is composed.</li>
 * </ul>
 * Scratch arrays are allocated per call and closed before returning.
 */
final class Nd4jActivations {
    private static final double GELU_C = Math.sqrt(2.0 / Math.PI);
    private static final double GELU_K = 0.044715;

    private Nd4jActivations() {
    }

    /** {@code out = f(x)}; {@code out} may be {@code x}. */
    static void forward(Activation f, INDArray x, INDArray out) {
        switch (f.kind()) {
            case IDENTITY -> {
                if (out != x) {
                    out.assign(x);
                }
            }
            case SIGMOID -> Nd4j.exec(new Sigmoid(x, out));
            case TANH -> Nd4j.exec(new Tanh(x, out));
            case RELU -> Nd4j.exec(new RectifiedLinear(x, out, 0.0));
            case LEAKY_RELU -> Nd4j.exec(new LeakyReLU(x, out, f.alpha()));
            case ELU -> Nd4j.exec(new ELU(x, out, f.alpha()));
            case SOFTMAX -> softmax(x, out);
            case GELU -> gelu(x, out);
            default -> throw new UnsupportedOperationException("nd4j activation: " + f + " is not implemented");
        }
    }

    /** {@code 0.5·x·(1 + tanh(c·(x + k·x³)))}. */
    private static void gelu(INDArray x, INDArray out) {
        try (INDArray t = Nd4j.createUninitialized(x.dataType(), x.shape())) {
            geluTanh(x, t);
            t.addi(1.0).muli(0.5);
            x.mul(t, out);
        }
    }

    /** {@code t = tanh(c·(x + k·x³))}. */
    private static void geluTanh(INDArray x, INDArray t) {
        Nd4j.exec(new Cube(x, t));
        t.muli(GELU_K).addi(x).muli(GELU_C);
        Nd4j.exec(new Tanh(t, t));
    }

    /** {@code dx = dy ⊙ f'(x)} (softmax: the row-wise Jacobian product); {@code dx} may be {@code dy}. */
    static void backward(Activation f, INDArray x, INDArray y, INDArray dy, INDArray dx) {
        if (f.kind() == Activation.Kind.SOFTMAX) {
            softmaxBackward(y, dy, dx);
            return;
        }
        if (f.kind() == Activation.Kind.IDENTITY) {
            if (dx != dy) {
                dx.assign(dy);
            }
            return;
        }
        if (dx != dy && dx != x && dx != y) {
            derivative(f, x, y, dx);
            dx.muli(dy);
            return;
        }
        try (INDArray d = Nd4j.createUninitialized(x.dataType(), x.shape())) {
            derivative(f, x, y, d);
            dy.mul(d, dx);
        }
    }

    /** {@code d = f'(x)} given {@code y = f(x)}; {@code d} is none of {@code x} and {@code y}. */
    private static void derivative(Activation f, INDArray x, INDArray y, INDArray d) {
        switch (f.kind()) {
            case SIGMOID -> Nd4j.exec(new TimesOneMinus(y, d));
            case TANH -> {
                Nd4j.exec(new Square(y, d));
                d.rsubi(1.0);
            }
            case RELU -> positive(x, d);
            case LEAKY_RELU -> {
                positive(x, d);
                d.muli(1.0 - f.alpha()).addi(f.alpha());
            }
            case ELU -> eluDerivative(x, y, f.alpha(), d);
            case GELU -> geluDerivative(x, d);
            default -> throw new UnsupportedOperationException("nd4j activation derivative: " + f + " is not element-wise");
        }
    }

    /** {@code d = x > 0 ? 1 : 0}. */
    private static void positive(INDArray x, INDArray d) {
        Nd4j.exec(new Step(x, d, 0.0));
    }

    /** {@code d = x > 0 ? 1 : y + alpha}, as {@code s + (1 - s)·(y + alpha)} with {@code s = [x > 0]}. */
    private static void eluDerivative(INDArray x, INDArray y, double alpha, INDArray d) {
        try (INDArray t = Nd4j.createUninitialized(x.dataType(), x.shape())) {
            y.add(alpha, t);
            positive(x, d);
            d.rsubi(1.0);
            t.muli(d);
            d.rsubi(1.0).addi(t);
        }
    }

    /**
     * {@code d = 0.5·(1 + t) + 0.5·x·(1 - t²)·c·(1 + 3k·x²)} with {@code t = tanh(c·(x + k·x³))},
     * computed as {@code (1 + t)·(0.5 + b·(1 - t))} where {@code b = 0.5·c·x·(1 + 3k·x²)}.
     */
    private static void geluDerivative(INDArray x, INDArray d) {
        try (INDArray t = Nd4j.createUninitialized(x.dataType(), x.shape())) {
            geluTanh(x, t);
            Nd4j.exec(new Square(x, d));
            d.muli(3 * GELU_K).addi(1.0).muli(0.5 * GELU_C).muli(x);
            t.rsubi(1.0);
            d.muli(t).addi(0.5);
            t.rsubi(2.0);
            d.muli(t);
        }
    }

    /** Per row: {@code dx = y ⊙ (dy - sum(dy ⊙ y))}; {@code dx} may be {@code dy}. */
    private static void softmaxBackward(INDArray y, INDArray dy, INDArray dx) {
        try (INDArray prod = y.mul(dy);
             INDArray rowSums = Nd4j.create(y.dataType(), y.rows(), 1)) {
            Nd4j.exec(new Sum(prod, rowSums, 1));
            if (dx != dy) {
                dx.assign(dy);
            }
            dx.subiColumnVector(rowSums);
            dx.muli(y);
        }
    }

    /** Per row: {@code out = exp(x - max) / sum(exp(x - max))}; {@code out} may be {@code x}. */
    private static void softmax(INDArray x, INDArray out) {
        try (INDArray column = Nd4j.create(x.dataType(), x.rows(), 1)) {
            subtractRowMax(x, out, column);
            Nd4j.exec(new Exp(out, out));
            Nd4j.exec(new Sum(out, column, 1));
            out.diviColumnVector(column);
        }
    }

    /** Per row: {@code out = x - max - log(sum(exp(x - max)))}; {@code out} may be {@code x}. */
    static void logSoftmax(INDArray x, INDArray out) {
        try (INDArray column = Nd4j.create(x.dataType(), x.rows(), 1);
             INDArray exp = Nd4j.createUninitialized(x.dataType(), x.shape())) {
            subtractRowMax(x, out, column);
            Nd4j.exec(new Exp(out, exp));
            Nd4j.exec(new Sum(exp, column, 1));
            Nd4j.exec(new Log(column, column));
            out.subiColumnVector(column);
        }
    }

    /** {@code out = x - max(row)} per row, using {@code column} ({@code [rows x 1]}) for the maxima. */
    private static void subtractRowMax(INDArray x, INDArray out, INDArray column) {
        Nd4j.exec(new Max(x, column, 1));
        if (out != x) {
            out.assign(x);
        }
        out.subiColumnVector(column);
    }
}
