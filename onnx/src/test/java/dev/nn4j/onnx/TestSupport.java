package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Sequential;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Backends, random inputs and comparisons shared by the ONNX tests. */
final class TestSupport {
    private TestSupport() {
    }

    /** Every backend the tests run on. */
    static Stream<String> backends() {
        return Stream.of("plain", "ejml", "nd4j");
    }

    /** One {@code (item, backend)} case per backend for each item. */
    static Stream<org.junit.jupiter.params.provider.Arguments> onEveryBackend(java.util.List<?> items) {
        return backends().flatMap(b -> items.stream().map(i -> org.junit.jupiter.params.provider.Arguments.of(i, b)));
    }

    static Backend backend(String name) {
        return Backends.get(name);
    }

    /** {@code n} values uniform in [-2, 2) from {@code seed}. */
    static float[] randomInput(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return x;
    }

    /** nn4j's prediction for the flat input {@code x} with {@code batch} samples of the model's input shape. */
    static float[] predict(Sequential model, float[] x, int batch) {
        int[] perSample = LayerShapes.inputShape(model);
        int[] dims = new int[perSample.length + 1];
        dims[0] = batch;
        System.arraycopy(perSample, 0, dims, 1, perSample.length);
        try (Tensor in = model.backend().create(DType.FLOAT32, Shape.of(dims))) {
            in.setAll(x);
            try (Tensor out = model.predict(in)) {
                return out.toFloatArray();
            }
        }
    }

    /** The largest absolute difference, after checking the lengths agree. */
    static double maxDiff(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "output length");
        double m = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) expected[i] - actual[i]);
            if (!(d <= m)) {
                m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return m;
    }

    /** Keeps the largest difference seen by a test class, for the report it prints at the end. */
    static final class Worst {
        private final String what;
        private double value = -1;
        private String where = "";

        Worst(String what) {
            this.what = what;
        }

        synchronized void record(double d, String where) {
            if (d > value) {
                value = d;
                this.where = where;
            }
        }

        void print() {
            System.out.printf(java.util.Locale.ROOT, "largest difference %s: %.3e (%s)%n", what, value, where);
        }
    }
}
