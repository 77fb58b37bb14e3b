package dev.nn4j.data;

import dev.nn4j.tensor.Tensor;

/**
 * An in-memory set of samples: a feature row and a target row per sample, both float32,
 * row-major in Java arrays. The training loop copies mini-batches from here into tensors
 * it allocated once ({@link #fillBatch}), so a backend sees one bulk copy per batch.
 *
 * <p>Immutable after construction; the arrays are not copied, so callers hand over ownership.
 */
public final class Dataset {
    private final float[] features;
    private final int featureCount;
    private final float[] targets;
    private final int targetCount;
    private final int size;

    /**
     * A dataset of {@code features.length / featureCount} samples.
     *
     * @param features     row-major, {@code size x featureCount}
     * @param featureCount values per sample, at least 1
     * @param targets      row-major, {@code size x targetCount} (e.g. one-hot labels)
     * @param targetCount  values per target, at least 1
     */
    public Dataset(float[] features, int featureCount, float[] targets, int targetCount) {
        if (featureCount < 1 || targetCount < 1) {
            throw new IllegalArgumentException("dataset: featureCount and targetCount must be >= 1, got "
                    + featureCount + " and " + targetCount);
        }
        if (features.length % featureCount != 0 || targets.length % targetCount != 0) {
            throw new IllegalArgumentException("dataset: " + features.length + " feature values are not a multiple of "
                    + featureCount + " or " + targets.length + " target values not a multiple of " + targetCount);
        }
        int n = features.length / featureCount;
        if (targets.length / targetCount != n || n == 0) {
            throw new IllegalArgumentException("dataset: " + n + " feature rows but " + targets.length / targetCount
                    + " target rows; both must be equal and non-zero");
        }
        this.features = features;
        this.featureCount = featureCount;
        this.targets = targets;
        this.targetCount = targetCount;
        this.size = n;
    }

    /** A dataset from one row per sample; every row of {@code x} (and of {@code y}) must have the same length. */
    public static Dataset of(double[][] x, double[][] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("dataset: " + x.length + " inputs but " + y.length
                    + " targets; both must be equal and non-zero");
        }
        return new Dataset(flatten("inputs", x), x[0].length, flatten("targets", y), y[0].length);
    }

    private static float[] flatten(String what, double[][] rows) {
        int cols = rows[0].length;
        float[] out = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("dataset: " + what + " row 0 has " + cols + " values but row " + i
                        + " has " + rows[i].length);
            }
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) rows[i][j];
            }
        }
        return out;
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** Values per feature row. */
    public int featureCount() {
        return featureCount;
    }

    /** Values per target row. */
    public int targetCount() {
        return targetCount;
    }

    /** The feature storage, row-major ({@code size x featureCount}); not a copy, do not modify. */
    public float[] features() {
        return features;
    }

    /** The target storage, row-major ({@code size x targetCount}); not a copy, do not modify. */
    public float[] targets() {
        return targets;
    }

    /**
     * Copies the samples {@code order[start] .. order[start + x.rows() - 1]} into {@code x}
     * ({@code [rows x featureCount]}) and {@code y} ({@code [rows x targetCount]}), through the
     * caller's scratch arrays (length at least {@code rows * featureCount} and
     * {@code rows * targetCount}), so nothing is allocated per batch.
     */
    public void fillBatch(int[] order, int start, Tensor x, Tensor y, float[] xScratch, float[] yScratch) {
        int rows = x.rows();
        if (x.cols() != featureCount || y.cols() != targetCount || y.rows() != rows) {
            throw new IllegalArgumentException("fillBatch: x is " + x.shape() + ", y is " + y.shape()
                    + "; expected [" + rows + "x" + featureCount + "] and [" + rows + "x" + targetCount + "]");
        }
        if (start < 0 || start + rows > order.length) {
            throw new IllegalArgumentException("fillBatch: rows " + start + ".." + (start + rows - 1)
                    + " are outside an order of " + order.length);
        }
        for (int r = 0; r < rows; r++) {
            int s = order[start + r];
            System.arraycopy(features, s * featureCount, xScratch, r * featureCount, featureCount);
            System.arraycopy(targets, s * targetCount, yScratch, r * targetCount, targetCount);
        }
        x.setRange(xScratch, 0, rows * featureCount);
        y.setRange(yScratch, 0, rows * targetCount);
    }
}
