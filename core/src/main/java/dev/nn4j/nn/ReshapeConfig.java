package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * Gives each sample another shape with the same values in the same (row-major) order, e.g. an
 * image {@code [1, 28, 28]} as a sequence {@code [28, 28]} of its rows. {@code shape} excludes the
 * batch dimension and must hold as many values as the input. No parameters; cost one copy.
 */
public record ReshapeConfig(List<Integer> shape) implements LayerConfig {
    /** The type name in model files. */
    public static final String TYPE = "reshape";

    /** Validates the dimensions, naming them. */
    public ReshapeConfig {
        shape = List.copyOf(shape);
        if (shape.isEmpty() || shape.size() > 5 || shape.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("reshape: shape must be 1 to 5 dimensions of at least 1, got " + shape);
        }
    }

    /** Samples of shape {@code dims}. */
    public static ReshapeConfig of(int... dims) {
        return new ReshapeConfig(java.util.Arrays.stream(dims).boxed().toList());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape out = Shape.of(shape.stream().mapToInt(Integer::intValue).toArray());
        if (out.size() != input.size()) {
            throw new IllegalArgumentException("cannot give " + input + " (" + input.size() + " values) the shape " + out
                    + " (" + out.size() + " values)");
        }
        return out;
    }

    @Override
    public Var forward(LayerScope s, Var x) {
        int[] dims = new int[shape.size() + 1];
        dims[0] = x.dim(0);
        for (int i = 0; i < shape.size(); i++) {
            dims[i + 1] = shape.get(i);
        }
        return F.reshape(x, Shape.of(dims));
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("shape", shape);
    }

    /** Reads {@link #toJson()}'s form. */
    public static ReshapeConfig read(LayerJson j) {
        Object v = j.value("shape");
        if (!(v instanceof List<?> l) || l.stream().anyMatch(d -> !(d instanceof Number))) {
            throw new IllegalArgumentException("field 'shape' should be a list of integers, got " + v);
        }
        return new ReshapeConfig(l.stream().map(d -> ((Number) d).intValue()).toList());
    }

    /** Configurations and input shapes the conformance suites test ({@link LayerFormats}). */
    static List<LayerExample> examples() {
        return List.of(LayerExample.of(of(4, 3), 1, 4, 3), LayerExample.of(of(2, 6), 12));
    }

    /** ONNX: {@code Reshape} to {@code [-1, shape...]} (the batch kept). */
    @Override
    public void toOnnx(OnnxSink sink, String name, Layer layer) {
        long[] dims = new long[shape.size() + 1];
        dims[0] = -1;
        for (int i = 0; i < shape.size(); i++) {
            dims[i + 1] = shape.get(i);
        }
        sink.node(name + ".reshape", "Reshape", sink.constant(name + ".shape", dims));
    }

    /** E.g. {@code reshape [28, 28]}. */
    @Override
    public String toString() {
        return TYPE + " " + shape;
    }
}
