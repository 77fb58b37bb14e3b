package dev.nn4j.plain.gemm;

/**
 * One thread's packing buffers for a {@link GemmEngine}. Each buffer grows to the largest size
 * requested and is then reused, so repeated products allocate nothing. Not thread-safe: an
 * engine keeps one workspace per thread.
 */
final class Workspace {
    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] tile = new float[0];
    private float[][] bRows = new float[0][];
    private float[][] acc = new float[0][];

    /** At least {@code size} floats for packed A. */
    float[] packA(int size) {
        if (a.length < size) {
            a = new float[size];
        }
        return a;
    }

    /** At least {@code size} floats for packed B. */
    float[] packB(int size) {
        if (b.length < size) {
            b = new float[size];
        }
        return b;
    }

    /** The flat packed B last returned by {@link #packB}. */
    float[] packedB() {
        return b;
    }

    /** At least {@code size} floats for an edge tile of C. */
    float[] tile(int size) {
        if (tile.length < size) {
            tile = new float[size];
        }
        return tile;
    }

    /** At least {@code count} separate rows of {@code width} floats for row-packed B. */
    float[][] packBRows(int count, int width) {
        if (bRows.length < count || bRows[0].length != width) {
            bRows = rows(Math.max(count, bRows.length), width);
        }
        return bRows;
    }

    /** The row-packed B last returned by {@link #packBRows}. */
    float[][] packedBRows() {
        return bRows;
    }

    /** {@code count} separate accumulator rows of {@code width} floats. */
    float[][] accumulators(int count, int width) {
        if (acc.length != count || acc[0].length != width) {
            acc = rows(count, width);
        }
        return acc;
    }

    private static float[][] rows(int count, int width) {
        float[][] r = new float[count][];
        for (int i = 0; i < count; i++) {
            r[i] = new float[width];
        }
        return r;
    }
}
