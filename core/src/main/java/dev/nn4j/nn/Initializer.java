package dev.nn4j.nn;

import dev.nn4j.autodiff.Rng;
import java.util.Locale;
import java.util.Objects;

/**
 * How a layer's initial weights are drawn. {@code fanIn} is the number of inputs of the
 * layer and {@code fanOut} the number of outputs. Values are drawn from an {@link Rng} in
 * double on the host, weights first (row-major {@code [fanIn x fanOut]}), then the bias.
 */
public enum Initializer {
    /** Weights and biases uniform in {@code [-1, 1)}, as in the classic toy network. */
    UNIFORM,
    /** Glorot/Xavier uniform: weights in {@code [-l, l)}, {@code l = sqrt(6 / (fanIn + fanOut))}; biases 0. */
    XAVIER,
    /** He normal: weights normal with mean 0 and standard deviation {@code sqrt(2 / fanIn)}; biases 0. */
    HE,
    /** He uniform: weights in {@code [-l, l)}, {@code l = sqrt(6 / fanIn)}; biases 0. */
    HE_UNIFORM;

    /** {@code fanIn * fanOut} initial weights, row-major {@code [fanIn x fanOut]}. */
    public double[] weights(Rng rng, int fanIn, int fanOut) {
        return weights(rng, fanIn, fanOut, fanIn * fanOut);
    }

    /**
     * {@code count} initial weights for a layer with the given fans, e.g. a convolution's
     * {@code F·C·kh·kw} weights with fan-in {@code C·kh·kw} and fan-out {@code F·kh·kw}.
     */
    public double[] weights(Rng rng, int fanIn, int fanOut, int count) {
        checkFans(fanIn, fanOut);
        double[] w = new double[count];
        for (int i = 0; i < w.length; i++) {
            w[i] = sample(rng, fanIn, fanOut);
        }
        return w;
    }

    /** {@code fanOut} initial biases: uniform in {@code [-1, 1)} for {@link #UNIFORM}, zeros (no draws) otherwise. */
    public double[] bias(Rng rng, int fanIn, int fanOut) {
        checkFans(fanIn, fanOut);
        double[] b = new double[fanOut];
        if (this == UNIFORM) {
            for (int i = 0; i < b.length; i++) {
                b[i] = rng.nextDouble(-1, 1);
            }
        }
        return b;
    }

    private double sample(Rng rng, int fanIn, int fanOut) {
        switch (this) {
            case UNIFORM: return rng.nextDouble(-1, 1);
            case XAVIER: {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                return rng.nextDouble(-limit, limit);
            }
            case HE: return rng.nextGaussian() * Math.sqrt(2.0 / fanIn);
            default: {
                double limit = Math.sqrt(6.0 / fanIn);
                return rng.nextDouble(-limit, limit);
            }
        }
    }

    private void checkFans(int fanIn, int fanOut) {
        if (fanIn < 1 || fanOut < 1) {
            throw new IllegalArgumentException("initializer " + id() + ": fanIn and fanOut must be >= 1, got "
                    + fanIn + " and " + fanOut);
        }
    }

    /** The name used in model files: {@code uniform}, {@code xavier}, {@code he}, {@code he_uniform}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a name written by {@link #id()} (case-insensitive). */
    public static Initializer parse(String id) {
        Objects.requireNonNull(id, "id");
        for (Initializer i : values()) {
            if (i.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new IllegalArgumentException("initializer: unknown '" + id + "'; known: uniform, xavier, he, he_uniform");
    }
}
