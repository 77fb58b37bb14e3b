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

    /** A pooling layer's output shape, refusing padding that is not smaller than the window. */
    static Shape poolShape(Shape input, int kh, int kw, int sh, int sw, Padding padding) {
        ConvGeometry g = geometry(1, input, kh, kw, sh, sw, padding);
        if (g.padTop() >= kh || g.padBottom() >= kh || g.padLeft() >= kw || g.padRight() >= kw) {
            throw new IllegalArgumentException("padding " + padding + " must be smaller than the " + kh + "x" + kw
                    + " window on every side");
        }
        return Shape.of(input.dim(0), g.outHeight(), g.outWidth());
    }

    /** Validates the window and stride of a pooling config, naming the value. */
    static void validatePool(String type, int kh, int kw, int sh, int sw, Padding padding) {
        java.util.Objects.requireNonNull(padding, type + ": padding");
        if (kh < 1 || kw < 1) {
            throw new IllegalArgumentException(type + ": window must be at least 1x1, got " + kh + "x" + kw);
        }
        if (sh < 1 || sw < 1) {
            throw new IllegalArgumentException(type + ": stride must be >= 1, got " + sh + "x" + sw);
        }
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
