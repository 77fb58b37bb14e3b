package dev.nn4j.nn;

import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.Shape;
import java.util.List;

/** Shape helpers shared by the image layers: batch shapes, window geometry, input checks, JSON pairs. */
final class Images {
    private Images() {
    }

    /** {@code [n, sample...]}. */
    static Shape batch(int n, Shape sample) {
        int[] d = new int[sample.rank() + 1];
        d[0] = n;
        for (int i = 0; i < sample.rank(); i++) {
            d[i + 1] = sample.dim(i);
        }
        return Shape.of(d);
    }

    /** Refuses a per-sample shape that is not an image {@code [C, H, W]}. */
    static void requireImage(Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("takes images [channels x height x width] per sample but gets " + input
                    + (input.rank() == 1 ? "; give the model an image input, e.g. input(1, 28, 28)" : ""));
        }
    }

    /** The window geometry of a layer over {@code n} samples shaped {@code input}, naming impossible values. */
    static ConvGeometry geometry(int n, Shape input, int kh, int kw, int sh, int sw, Padding padding) {
        requireImage(input);
        int[] pad = padding.resolve(input.dim(1), input.dim(2), kh, kw, sh, sw);
        int h = input.dim(1) + pad[0] + pad[2];
        int w = input.dim(2) + pad[1] + pad[3];
        if (kh > h || kw > w) {
            throw new IllegalArgumentException("kernel " + kh + "x" + kw + " is larger than the padded input " + h
                    + "x" + w + " (input " + input + ", padding " + padding + ")");
        }
        return ConvGeometry.of(batch(n, input), kh, kw, sh, sw, pad);
    }

    private static boolean sameTail(Shape batch, Shape sample) {
        for (int i = 0; i < sample.rank(); i++) {
            if (batch.dim(i + 1) != sample.dim(i)) {
                return false;
            }
        }
        return true;
    }

    /** A JSON field holding two integers {@code [h, w]}. */
    static int[] pair(LayerJson j, String key) {
        Object v = j.value(key);
        if (!(v instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number) || !(l.get(1) instanceof Number)) {
            throw new IllegalArgumentException("field '" + key + "' should be two integers [h, w], got " + v);
        }
        return new int[] {((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue()};
    }
}
