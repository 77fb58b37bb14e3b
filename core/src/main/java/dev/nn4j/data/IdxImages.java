package dev.nn4j.data;

/**
 * The content of an IDX images file: {@code count} images of {@code rows x cols} pixels,
 * stored as one float per pixel, image after image, each image row-major
 * ({@code count x (rows · cols)}), ready to be the features of a {@link Dataset}.
 * The pixel array is not copied; do not modify it.
 */
public final class IdxImages {
    private final int count;
    private final int rows;
    private final int cols;
    private final float[] pixels;

    IdxImages(int count, int rows, int cols, float[] pixels) {
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
    }

    /** Number of images. */
    public int count() {
        return count;
    }

    /** Pixel rows per image. */
    public int rows() {
        return rows;
    }

    /** Pixel columns per image. */
    public int cols() {
        return cols;
    }

    /** Pixels per image, {@code rows · cols}: the feature count of a dataset built from these images. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** All pixels, {@code count x (rows · cols)}, row-major; 0..255 or, when scaled, 0..1. */
    public float[] pixels() {
        return pixels;
    }
}
