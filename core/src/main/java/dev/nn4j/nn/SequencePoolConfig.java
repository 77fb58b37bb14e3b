package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * One vector per sequence: {@code [T, d] -> [d]}, the first token (a class token's position) or
 * the mean over the tokens. No parameters; cost one pass over the sequence at most.
 */
public record SequencePoolConfig(boolean mean) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "sequence_pool";

    /** The first token, where a {@link ClassTokenConfig class token} sits. */
    public static SequencePoolConfig first() {
        return new SequencePoolConfig(false);
    }

    /** The mean over the tokens. */
    public static SequencePoolConfig average() {
        return new SequencePoolConfig(true);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 2) {
            throw new IllegalArgumentException("takes a sequence [tokens, features] per sample but gets " + input);
        }
        return Shape.of(input.dim(1));
    }

    @Override
    public Var forward(LayerScope s, Var x) {
        return mean ? F.mean(x, new int[] {1}, false) : F.reshape(F.slice(x, 1, 0, 1), Shape.of(x.dim(0), x.dim(2)));
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("pool", mean ? "mean" : "first");
    }

    /** Reads {@link #toJson()}'s form. */
    public static SequencePoolConfig read(LayerJson j) {
        String pool = j.string("pool");
        if (!pool.equals("mean") && !pool.equals("first")) {
            throw new IllegalArgumentException("sequence_pool: pool must be mean or first, got '" + pool + "'");
        }
        return new SequencePoolConfig(pool.equals("mean"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(first(), 3, 4), LayerExample.of(average(), 3, 4));
    }

    @Override
    public String toString() {
        return TYPE + (mean ? " mean" : " first");
    }
}
