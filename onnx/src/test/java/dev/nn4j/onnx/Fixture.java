package dev.nn4j.onnx;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model exported by PyTorch with its inputs and the outputs PyTorch computed, as written by
 * {@code onnx/src/test/python/make_fixtures.py} into {@code pytorch/NAME.onnx} and {@code NAME.json}.
 */
record Fixture(String name, Path onnx, int[] inputShape, float[] input, int[] outputShape, float[] output) {

    static Fixture load(String name) throws IOException {
        try (InputStream in = Fixture.class.getResourceAsStream("pytorch/" + name + ".json")) {
            if (in == null) {
                throw new IOException("fixture pytorch/" + name + ".json is missing; run onnx/src/test/python/make_fixtures.py");
            }
            Map<String, Object> m = JSON.std.mapFrom(in);
            Path onnx = Path.of(Fixture.class.getResource("pytorch/" + name + ".onnx").toURI());
            return new Fixture(name, onnx, ints(m.get("input_shape")), floats(m.get("input")),
                    ints(m.get("output_shape")), floats(m.get("output")));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    int batch() {
        return inputShape[0];
    }

    private static int[] ints(Object o) {
        List<?> l = (List<?>) o;
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }

    private static float[] floats(Object o) {
        List<?> l = (List<?>) o;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).floatValue();
        }
        return out;
    }
}
