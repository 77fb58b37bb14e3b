package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The tensors a layer type keeps, as its config declares them ({@link LayerConfig#declare}):
 * each with a local name (a layer called {@code conv1} calls {@code weights} {@code conv1.weights};
 * a local name may hold dots, as PyTorch's {@code self_attn.out_proj.weight}),
 * dimensions, and how it starts. Trained parameters and untrained statistics (batch norm's
 * running mean) are declared in the order a model file stores them and the initializer draws
 * them, so one seed gives the same values on every backend.
 *
 * <p>Declaring allocates no tensor: the count a model file checks before building a model
 * ({@link LayerConfig#storedValues}) comes from here. Not thread-safe; one per declaration.
 */
public final class ParameterSpecs {

    /** How a declared tensor starts. */
    enum Start {
        /** Drawn by the model's {@link Initializer#weights(Rng, int, int, int)}. */
        WEIGHTS,
        /** Drawn by {@link Initializer#bias}: zeros, or uniform for {@link Initializer#UNIFORM}. */
        BIAS,
        /** A constant, drawing nothing. */
        CONSTANT,
        /** Normal with mean 0 and standard deviation {@code value}, whatever the initializer (learned positions, tokens). */
        NORMAL
    }

    /**
     * One declared tensor; {@code fanIn}/{@code fanOut} feed the initializer, {@code value} a
     * constant or a standard deviation; {@code zeroRow} (-1: none) is a row of a {@link Start#NORMAL}
     * matrix that starts at zero instead.
     */
    record Spec(String name, int[] dims, Start start, int fanIn, int fanOut, double value, boolean trained,
                int zeroRow) {
        Spec(String name, int[] dims, Start start, int fanIn, int fanOut, double value, boolean trained) {
            this(name, dims, start, fanIn, fanOut, value, trained, -1);
        }

        /** The number of values, or {@link Long#MAX_VALUE} when it does not fit a long. */
        long count() {
            long n = 1;
            for (int d : dims) {
                if (d != 0 && n > Long.MAX_VALUE / d) {
                    return Long.MAX_VALUE;
                }
                n *= d;
            }
            return n;
        }
    }

    private final List<Spec> specs = new ArrayList<>();

    /** An empty declaration. */
    ParameterSpecs() {
    }

    /**
     * A trained tensor of {@code dims} drawn by the model's initializer with these fans, row-major
     * (e.g. a dense layer's {@code [in x out]} weights with fans {@code in, out}; a convolution's
     * {@code [F, C, kh, kw]} with fans {@code C·kh·kw, F·kh·kw}).
     */
    public ParameterSpecs weights(String name, int fanIn, int fanOut, int... dims) {
        return add(new Spec(name, dims.clone(), Start.WEIGHTS, fanIn, fanOut, 0, true));
    }

    /** A trained bias of {@code dims} ({@code fanOut} values) as the initializer draws biases: zeros except for uniform. */
    public ParameterSpecs bias(String name, int fanIn, int... dims) {
        Spec s = new Spec(name, dims.clone(), Start.BIAS, fanIn, 0, 0, true);
        return add(new Spec(name, s.dims(), Start.BIAS, fanIn, (int) Math.min(Integer.MAX_VALUE, s.count()), 0, true));
    }

    /** A trained tensor of {@code dims} that starts at {@code value} (batch norm's gamma 1, beta 0). */
    public ParameterSpecs constant(String name, double value, int... dims) {
        return add(new Spec(name, dims.clone(), Start.CONSTANT, 0, 0, value, true));
    }

    /**
     * A trained tensor of {@code dims} drawn normal with mean 0 and standard deviation {@code std}
     * from the model's seeded generator, whatever its initializer (learned positions and class
     * tokens, as ViT starts them with 0.02).
     */
    public ParameterSpecs normal(String name, double std, int... dims) {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("parameter '" + name + "': std must be positive and finite, got " + std);
        }
        return add(new Spec(name, dims.clone(), Start.NORMAL, 0, 0, std, true));
    }

    /**
     * {@link #normal} for a matrix {@code [rows x cols]} whose row {@code zeroRow} starts at zero:
     * an embedding table's padding token, as PyTorch's {@code nn.Embedding(padding_idx=...)} starts it.
     * The generator still draws that row's values, so the other rows do not depend on which row it is.
     */
    public ParameterSpecs normal(String name, double std, int zeroRow, int rows, int cols) {
        normal(name, std, rows, cols);
        if (zeroRow < 0 || zeroRow >= rows) {
            throw new IllegalArgumentException("parameter '" + name + "': the zero row " + zeroRow + " is outside [0, "
                    + rows + ")");
        }
        Spec s = specs.remove(specs.size() - 1);
        specs.add(new Spec(s.name(), s.dims(), s.start(), 0, 0, std, true, zeroRow));
        return this;
    }

    /** An untrained tensor of {@code dims} that starts at {@code value}, saved with the model (a running mean). */
    public ParameterSpecs statistic(String name, double value, int... dims) {
        return add(new Spec(name, dims.clone(), Start.CONSTANT, 0, 0, value, false));
    }

    private ParameterSpecs add(Spec s) {
        if (s.name() == null || s.name().isEmpty() || s.name().startsWith(".") || s.name().endsWith(".")) {
            throw new IllegalArgumentException("parameter name '" + s.name() + "' must be non-empty, not starting or"
                    + " ending with '.'");
        }
        for (Spec t : specs) {
            if (t.name().equals(s.name())) {
                throw new IllegalArgumentException("parameter '" + s.name() + "' is declared twice");
            }
        }
        for (int d : s.dims()) {
            if (d < 1) {
                throw new IllegalArgumentException("parameter '" + s.name() + "' has dimensions "
                        + Arrays.toString(s.dims()) + "; each must be >= 1");
            }
        }
        specs.add(s);
        return this;
    }

    /** The declared tensors, in order. */
    List<Spec> specs() {
        return Collections.unmodifiableList(specs);
    }

    /** Values over every declared tensor, or {@link Long#MAX_VALUE} when the count does not fit a long. */
    long count() {
        long total = 0;
        for (Spec s : specs) {
            long n = s.count();
            if (n == Long.MAX_VALUE || total > Long.MAX_VALUE - n) {
                return Long.MAX_VALUE;
            }
            total += n;
        }
        return total;
    }
}
