package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * Two or more inputs side by side along one per-sample {@code axis} (Keras's {@code Concatenate},
 * ONNX's {@code Concat} at {@code axis + 1}): axis 0 joins the features of flat samples or the
 * channels of images {@code [C, H, W]}; a negative axis counts from the end. Every other
 * dimension must be equal. No parameters; each input's gradient is its slice of the output's.
 * Forward cost one copy of every input value. Made by {@code Node.concat(axis, a, b, ...)}.
 */
public record ConcatConfig(int axis) implements MergeConfig {
    /** The type name in model files. */
    public static final String TYPE = "concat";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape mergeShape(List<Shape> inputs) {
        Shape first = inputs.get(0);
        int r = first.rank();
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException("concat: axis " + axis + " is outside [" + -r + ", " + r
                    + ") for per-sample shapes " + inputs);
        }
        int a = axis < 0 ? axis + r : axis;
        int[] dims = first.dims();
        dims[a] = 0;
        for (Shape s : inputs) {
            boolean fits = s.rank() == r;
            for (int i = 0; fits && i < r; i++) {
                fits = i == a || s.dim(i) == first.dim(i);
            }
            if (!fits) {
                throw new IllegalArgumentException("concat: per-sample shapes " + inputs + " differ outside axis " + a);
            }
            dims[a] += s.dim(a);
        }
        return Shape.of(dims);
    }

    @Override
    public Var forward(LayerScope s, List<Var> inputs) {
        int r = inputs.get(0).rank();
        return F.concat(axis < 0 ? axis + r : axis + 1, inputs.toArray(new Var[0]));
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("axis", axis);
    }

    /** Reads {@link #toJson()}'s form. */
    public static ConcatConfig read(LayerJson j) {
        return new ConcatConfig(j.integer("axis"));
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(new LayerExample(new ConcatConfig(0), List.of(Shape.of(2, 3, 3), Shape.of(1, 3, 3))),
                new LayerExample(new ConcatConfig(-1), List.of(Shape.of(3), Shape.of(2))));
    }

    /** ONNX: one {@code Concat} of every input at the per-sample axis + 1 (a negative axis as it is). */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        OnnxForms.merge(sink, name + ".concat", "Concat").attribute("axis", (long) (axis < 0 ? axis : axis + 1));
    }

    /** E.g. {@code concat axis 0}. */
    @Override
    public String toString() {
        return TYPE + " axis " + axis;
    }
}
