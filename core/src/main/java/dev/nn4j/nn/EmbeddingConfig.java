package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lookup table of token vectors, as PyTorch's {@code nn.Embedding(vocabulary, dim, padding_idx)}:
 * INT32 ids {@code [T]} (an {@link Input#tokens} input) become {@code [T, dim]}, row {@code id} of
 * {@code weight [vocabulary, dim]} for each id. The table starts normal with standard deviation 1,
 * as PyTorch starts it. With a padding index, that row starts at zero and gets no gradient, so a
 * padding token's vector stays zero. An id outside {@code [0, vocabulary)} fails the step with an
 * exception naming the id, its position and the vocabulary size. Cost: {@code T·dim} copies
 * forward, as many additions backward.
 *
 * @param vocabulary the number of ids, at least 1
 * @param dim the vector size, at least 1
 * @param paddingIndex the padding token's id in {@code [0, vocabulary)}, or {@link #NO_PADDING}
 */
public record EmbeddingConfig(int vocabulary, int dim, int paddingIndex) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "embedding";
    /** The padding index of a table without padding. (PyTorch's negative {@code padding_idx} counts from the end: pass {@code vocabulary + idx}.) */
    public static final int NO_PADDING = -1;

    /** Validates the sizes and the padding index, naming the value. */
    public EmbeddingConfig {
        if (vocabulary < 1 || dim < 1) {
            throw new IllegalArgumentException("embedding: vocabulary and dim must be >= 1, got " + vocabulary + " and "
                    + dim);
        }
        if (paddingIndex != NO_PADDING && (paddingIndex < 0 || paddingIndex >= vocabulary)) {
            throw new IllegalArgumentException("embedding: padding index " + paddingIndex + " is outside [0, "
                    + vocabulary + ") (or -1 for none)");
        }
    }

    /** A table of {@code vocabulary} vectors of {@code dim}, without padding. */
    public static EmbeddingConfig of(int vocabulary, int dim) {
        return new EmbeddingConfig(vocabulary, dim, NO_PADDING);
    }

    /** This table with {@code paddingIndex} as the padding token. */
    public EmbeddingConfig withPadding(int paddingIndex) {
        return new EmbeddingConfig(vocabulary, dim, paddingIndex);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** {@code [T]} ids give {@code [T, dim]}; {@code [R, T]} give {@code [R, T, dim]}. */
    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() < 1 || input.rank() > 2) {
            throw new IllegalArgumentException("takes token ids [steps] or [rows, steps] per sample but gets " + input);
        }
        int[] dims = java.util.Arrays.copyOf(input.dims(), input.rank() + 1);
        dims[input.rank()] = dim;
        return Shape.of(dims);
    }

    /** {@code weight [vocabulary, dim]}, normal(0, 1), the padding row zero. */
    @Override
    public void declare(Shape input, ParameterSpecs p) {
        if (paddingIndex == NO_PADDING) {
            p.normal("weight", 1, vocabulary, dim);
        } else {
            p.normal("weight", 1, paddingIndex, vocabulary, dim);
        }
    }

    @Override
    public Var forward(LayerScope s, Var ids) {
        Var table = s.param("weight");
        return paddingIndex == NO_PADDING ? F.embedding(table, ids) : F.embedding(table, ids, paddingIndex);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vocabulary", vocabulary);
        m.put("dim", dim);
        m.put("padding_index", paddingIndex);
        return m;
    }

    /** Reads {@link #toJson()}'s form. */
    public static EmbeddingConfig read(LayerJson j) {
        return new EmbeddingConfig(j.integer("vocabulary"), j.integer("dim"), j.integer("padding_index"));
    }

    /**
     * Configurations and input shapes the conformance suites test ({@link LayerFormats}). The
     * padded table's ids stay below its padding row: that row's gradient is zero by design, so
     * central differences would disagree; PyTorch's fixtures check padding itself.
     */
    static List<LayerExample> examples() {
        return List.of(LayerExample.tokens(of(7, 3), 7, 5), LayerExample.tokens(of(5, 4).withPadding(4), 4, 6),
                LayerExample.tokens(of(4, 2), 4, 2, 3));
    }

    /** E.g. {@code embedding 96x128} or {@code embedding 96x128 padding 0}. */
    @Override
    public String toString() {
        return TYPE + " " + vocabulary + "x" + dim + (paddingIndex == NO_PADDING ? "" : " padding " + paddingIndex);
    }
}
