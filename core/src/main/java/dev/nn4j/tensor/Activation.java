package dev.nn4j.tensor;

import java.util.Locale;
import java.util.Objects;

/**
 * An activation function: a {@link Kind} and, for leaky ReLU and ELU, a parameter
 * {@code alpha}. Immutable; compare with {@code equals}.
 *
 * <p>The scalar formulas {@link #apply(double)} and {@link #derivative(double, double)} are the
 * reference definitions; backends implement the same formulas as kernels. GELU uses the tanh
 * approximation of Hendrycks and Gimpel:
 * {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}. Every function maps NaN to NaN, so a
 * diverged value reaches the loss instead of being hidden (ReLU included: {@code max(0, NaN)}
 * is NaN).
 */
public final class Activation {

    /** The supported functions. */
    public enum Kind {
        /** {@code f(x) = x}. */
        IDENTITY,
        /** {@code f(x) = 1 / (1 + e^-x)}. */
        SIGMOID,
        /** {@code f(x) = tanh(x)}. */
        TANH,
        /** {@code f(x) = max(0, x)}. */
        RELU,
        /** {@code f(x) = x > 0 ? x : alpha·x}. */
        LEAKY_RELU,
        /** Per row: {@code f(x)_j = e^(x_j) / sum_k e^(x_k)}. */
        SOFTMAX,
        /** {@code f(x) = x > 0 ? x : alpha·(e^x - 1)}. */
        ELU,
        /** Gaussian error linear unit, tanh approximation. */
        GELU
    }

    /** {@code x}. */
    public static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0);
    /** The logistic sigmoid, the toy network's activation. */
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0);
    /** Hyperbolic tangent. */
    public static final Activation TANH = new Activation(Kind.TANH, 0);
    /** Rectified linear unit. */
    public static final Activation RELU = new Activation(Kind.RELU, 0);
    /** Leaky ReLU with slope 0.01 for negative inputs. */
    public static final Activation LEAKY_RELU = new Activation(Kind.LEAKY_RELU, 0.01);
    /** Row-wise softmax. */
    public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0);
    /** ELU with alpha 1. */
    public static final Activation ELU = new Activation(Kind.ELU, 1.0);
    /** GELU (tanh approximation). */
    public static final Activation GELU = new Activation(Kind.GELU, 0);

    static final double GELU_C = Math.sqrt(2.0 / Math.PI);
    static final double GELU_K = 0.044715;

    private final Kind kind;
    private final double alpha;
    /** {@link #id()}, built once: validation messages and model files ask for it often. */
    private final String id;

    private Activation(Kind kind, double alpha) {
        this.kind = kind;
        this.alpha = alpha;
        String base = kind.name().toLowerCase(Locale.ROOT);
        this.id = (kind == Kind.LEAKY_RELU || kind == Kind.ELU) ? base + "(" + alpha + ")" : base;
    }

    /** Leaky ReLU with the given negative slope ({@code 0 <= alpha < 1}). */
    public static Activation leakyRelu(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("leakyRelu: alpha must be in [0, 1), got " + alpha);
        }
        return new Activation(Kind.LEAKY_RELU, alpha);
    }

    /** ELU with the given {@code alpha > 0}. */
    public static Activation elu(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("elu: alpha must be a positive finite number, got " + alpha);
        }
        return new Activation(Kind.ELU, alpha);
    }

    /** Which function this is. */
    public Kind kind() {
        return kind;
    }

    /** The parameter of leaky ReLU and ELU; 0 for the others. */
    public double alpha() {
        return alpha;
    }

    /** True for softmax, the one activation that mixes the elements of a row. */
    public boolean isRowWise() {
        return kind == Kind.SOFTMAX;
    }

    /** {@code f(x)} for the element-wise kinds; throws for softmax, which needs a whole row. */
    public double apply(double x) {
        switch (kind) {
            case IDENTITY: return x;
            case SIGMOID: return 1.0 / (1.0 + Math.exp(-x));
            case TANH: return Math.tanh(x);
            case RELU: return Math.max(x, 0);
            case LEAKY_RELU: return x > 0 ? x : alpha * x;
            case ELU: return x > 0 ? x : alpha * Math.expm1(x);
            case GELU: return 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x)));
            default: throw new UnsupportedOperationException("softmax is row-wise; use a kernel on a whole row");
        }
    }

    /**
     * {@code f'(x)} for the element-wise kinds, given the input {@code x} and the output
     * {@code y = f(x)} (sigmoid and tanh use {@code y}, the others {@code x}).
     */
    public double derivative(double x, double y) {
        switch (kind) {
            case IDENTITY: return 1;
            case SIGMOID: return y * (1 - y);
            case TANH: return 1 - y * y;
            case RELU: return Double.isNaN(x) ? x : x > 0 ? 1 : 0;
            case LEAKY_RELU: return Double.isNaN(x) ? x : x > 0 ? 1 : alpha;
            case ELU: return x > 0 ? 1 : y + alpha;
            case GELU: {
                double u = GELU_C * (x + GELU_K * x * x * x);
                double t = Math.tanh(u);
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x);
            }
            default: throw new UnsupportedOperationException("softmax has a Jacobian, not a scalar derivative");
        }
    }

    /**
     * The name used in model files and by {@link #parse(String)}: {@code sigmoid},
     * {@code leaky_relu(0.01)}, {@code elu(1.0)}, ...
     */
    public String id() {
        return id;
    }

    /** Parses a name written by {@link #id()} (case-insensitive; {@code leaky_relu} and {@code elu} may omit the parameter). */
    public static Activation parse(String id) {
        Objects.requireNonNull(id, "id");
        String s = id.trim().toLowerCase(Locale.ROOT);
        String base = s;
        Double param = null;
        int open = s.indexOf('(');
        if (open >= 0) {
            if (!s.endsWith(")")) {
                throw new IllegalArgumentException("activation: cannot parse '" + id + "'");
            }
            base = s.substring(0, open);
            try {
                param = Double.parseDouble(s.substring(open + 1, s.length() - 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("activation: bad parameter in '" + id + "'", e);
            }
        }
        Kind k;
        try {
            k = Kind.valueOf(base.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("activation: unknown '" + id + "'; known: identity, sigmoid, tanh, "
                    + "relu, leaky_relu(alpha), softmax, elu(alpha), gelu");
        }
        switch (k) {
            case LEAKY_RELU: return param == null ? LEAKY_RELU : leakyRelu(param);
            case ELU: return param == null ? ELU : elu(param);
            default:
                if (param != null) {
                    throw new IllegalArgumentException("activation: '" + base + "' takes no parameter, got '" + id + "'");
                }
                switch (k) {
                    case IDENTITY: return IDENTITY;
                    case SIGMOID: return SIGMOID;
                    case TANH: return TANH;
                    case RELU: return RELU;
                    case SOFTMAX: return SOFTMAX;
                    default: return GELU;
                }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activation && ((Activation) o).kind == kind
                && Double.compare(((Activation) o).alpha, alpha) == 0;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Double.hashCode(alpha);
    }

    @Override
    public String toString() {
        return id();
    }
}
