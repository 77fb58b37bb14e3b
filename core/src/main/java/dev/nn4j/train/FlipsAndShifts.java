package dev.nn4j.train;

import dev.nn4j.autodiff.Rng;
import dev.nn4j.tensor.Shape;

/** {@link Augmentation#flipsAndShifts}: a random horizontal flip and shift per image, zeros where the shift uncovers. */
final class FlipsAndShifts implements Augmentation {
    private final int maxShift;
    private float[] plane = new float[0];

    FlipsAndShifts(int maxShift) {
        if (maxShift < 0) {
            throw new IllegalArgumentException("flipsAndShifts: maxShift must be >= 0, got " + maxShift);
        }
        this.maxShift = maxShift;
    }

    @Override
    public void apply(float[] rows, int count, Shape sample, Rng rng) {
        if (sample.rank() != 3) {
            throw new IllegalArgumentException("flipsAndShifts: needs image samples [C, H, W], the model takes "
                    + sample);
        }
        int c = sample.dim(0);
        int h = sample.dim(1);
        int w = sample.dim(2);
        if (plane.length < h * w) {
            plane = new float[h * w];
        }
        for (int i = 0; i < count; i++) {
            boolean flip = rng.nextInt(2) == 1;
            int dy = rng.nextInt(2 * maxShift + 1) - maxShift;
            int dx = rng.nextInt(2 * maxShift + 1) - maxShift;
            for (int ch = 0; ch < c; ch++) {
                transform(rows, (i * c + ch) * h * w, h, w, flip, dy, dx);
            }
        }
    }

    /** out[y][x] = in[y - dy][flip ? w - 1 - (x - dx) : x - dx], 0 outside the image. */
    private void transform(float[] rows, int offset, int h, int w, boolean flip, int dy, int dx) {
        System.arraycopy(rows, offset, plane, 0, h * w);
        for (int y = 0; y < h; y++) {
            int sy = y - dy;
            for (int x = 0; x < w; x++) {
                int sx = x - dx;
                boolean inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                rows[offset + y * w + x] = inside ? plane[sy * w + (flip ? w - 1 - sx : sx)] : 0f;
            }
        }
    }

    @Override
    public String toString() {
        return "flips and shifts of up to " + maxShift + " pixels";
    }
}
