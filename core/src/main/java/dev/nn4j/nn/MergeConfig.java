package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.List;

/**
 * The part that {@link AddConfig}, {@link MultiplyConfig} and {@link ConcatConfig} share: a
 * layer of two or more inputs, without parameters, whose forward pass is one function of the
 * inputs' values ({@link #forward(LayerScope, List)}). Used as a single-input layer (in a {@code Sequential}) it refuses, naming
 * {@code Node}'s factory to use instead.
 */
interface MergeConfig extends LayerConfig {

    /**
     * The per-sample output shape for two or more per-sample input shapes, or an
     * {@link IllegalArgumentException} naming them; by default their NumPy broadcast
     * ({@link #broadcast}), as element-wise merges have it.
     */
    default Shape mergeShape(List<Shape> inputs) {
        return broadcast(type(), inputs);
    }

    /** No hyper-parameters by default. */
    @Override
    default java.util.Map<String, Object> toJson() {
        return java.util.Map.of();
    }

    @Override
    default Shape outputShape(Shape input) {
        throw new IllegalArgumentException(type() + " takes two or more inputs, so it belongs in a graph"
                + " (Node." + type() + "(a, b, ...)), not in a chain of layers");
    }

    @Override
    default Shape outputShape(List<Shape> inputs) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException(type() + " takes two or more inputs, got " + inputs.size() + " " + inputs);
        }
        return mergeShape(inputs);
    }

    /** Refuses: a merge takes two or more inputs. */
    @Override
    default Var forward(LayerScope s, Var x) {
        throw new IllegalArgumentException(s.name() + " (" + type() + ") takes two or more inputs, got one");
    }

    /** The output for batch values of the inputs' shapes (checked by {@link #mergeShape}). */
    @Override
    Var forward(LayerScope s, List<Var> inputs);

    /** No parameters, for any number of inputs. */
    @Override
    default void declare(List<Shape> inputs, ParameterSpecs specs) {
    }

    /**
     * NumPy's broadcast of per-sample shapes (ranks aligned on the right, each dimension equal or
     * 1), as {@code add} and {@code multiply} apply it; throws naming every shape.
     */
    static Shape broadcast(String type, List<Shape> inputs) {
        int rank = 0;
        for (Shape s : inputs) {
            rank = Math.max(rank, s.rank());
        }
        int[] dims = new int[rank];
        java.util.Arrays.fill(dims, 1);
        for (Shape s : inputs) {
            for (int i = 0; i < s.rank(); i++) {
                int d = s.dim(i);
                int j = rank - s.rank() + i;
                if (d != dims[j] && d != 1 && dims[j] != 1) {
                    throw new IllegalArgumentException(type + ": input shapes " + inputs + " do not broadcast:"
                            + " dimension " + j + " of the result is " + dims[j] + " in one and " + d + " in another");
                }
                dims[j] = Math.max(dims[j], d);
            }
        }
        return Shape.of(dims);
    }

    /**
     * {@code f} applied left to right over batch values of per-sample shapes that broadcast; a
     * value of lower rank is first given size-1 dimensions after its batch dimension, so that
     * per-sample shapes align on the right as {@link #broadcast} aligned them.
     */
    static Var fold(List<Var> inputs, java.util.function.BinaryOperator<Var> f) {
        int rank = 0;
        for (Var v : inputs) {
            rank = Math.max(rank, v.rank());
        }
        Var acc = null;
        for (Var v : inputs) {
            Var x = v;
            if (v.rank() < rank) {
                int[] dims = new int[rank];
                java.util.Arrays.fill(dims, 1);
                dims[0] = v.dim(0);
                for (int i = 1; i < v.rank(); i++) {
                    dims[rank - v.rank() + i] = v.dim(i);
                }
                x = F.reshape(v, Shape.of(dims));
            }
            acc = acc == null ? x : f.apply(acc, x);
        }
        return acc;
    }
}
