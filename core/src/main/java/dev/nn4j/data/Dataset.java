package dev.nn4j.data;

import dev.nn4j.tensor.Tensor;

/**
 * An in-memory set of samples: a feature row and a target row per sample, both float32,
 * row-major in Java arrays. The training loop copies mini-batches from here into tensors
 * it allocated once ({@link #fillBatch}), so a backend sees one bulk copy per batch.
 *
 * <p>A classification dataset ({@link #classification}) also keeps the integer class of every
 * sample ({@link #labels()}) next to its one-hot targets, for metrics such as accuracy and the
 * confusion matrix. {@link #select}, {@link #first} and {@link #withFeatures} derive new
 * datasets and keep the labels.
 *
 * <p>Token ids ({@link #ofTokens}) are kept as floats too, exact below 2^24, and are converted
 * back to integers when a batch is copied into an INT32 tensor (a model with a
 * {@code dev.nn4j.nn.Input#tokens} input, or a loss against ids, asks for INT32 batches).
 *
 * <p>Immutable after construction; the arrays are not copied, so callers hand over ownership.
 */
public final class Dataset {
    private final float[] features;
    private final int featureCount;
    private final float[] targets;
    private final int targetCount;
    private final int size;
    private final int[] labels;
    private final int classes;

    /**
     * A dataset of {@code features.length / featureCount} samples.
     *
     * @param features     row-major, {@code size x featureCount}
     * @param featureCount values per sample, at least 1
     * @param targets      row-major, {@code size x targetCount} (e.g. one-hot labels)
     * @param targetCount  values per target, at least 1
     */
    public Dataset(float[] features, int featureCount, float[] targets, int targetCount) {
        this(features, featureCount, targets, targetCount, null, 0);
    }

    private Dataset(float[] features, int featureCount, float[] targets, int targetCount, int[] labels, int classes) {
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
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * A dataset of token ids: {@code features} row-major ({@code n x featureCount} ids per sample,
     * e.g. a window of characters) and {@code targets} ({@code n x targetCount}, e.g. the next
     * character at every step), converted to floats (exact below 2^24).
     *
     * @throws IllegalArgumentException when the lengths do not fit the counts or an id's magnitude is 2^24 or more
     */
    public static Dataset ofTokens(int[] features, int featureCount, int[] targets, int targetCount) {
        return new Dataset(exactFloats("features", features), featureCount, exactFloats("targets", targets), targetCount);
    }

    private static float[] exactFloats(String what, int[] ids) {
        float[] out = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (Math.abs((long) ids[i]) >= 1 << 24) {
                throw new IllegalArgumentException("ofTokens: " + what + "[" + i + "] is " + ids[i]
                        + "; ids must lie in (-2^24, 2^24) to be kept exactly");
            }
            out[i] = ids[i];
        }
        return out;
    }

    /**
     * A classification dataset: {@code features} row-major ({@code n x featureCount}), one class
     * in {@code 0 .. classes - 1} per sample in {@code labels} (length {@code n}). The targets
     * are the one-hot rows ({@code n x classes}, allocated here); the labels stay available
     * through {@link #labels()}. Neither array is copied.
     */
    public static Dataset classification(float[] features, int featureCount, int[] labels, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classification: needs at least 2 classes, got " + classes);
        }
        if (featureCount < 1 || features.length != (long) labels.length * featureCount) {
            throw new IllegalArgumentException("classification: " + features.length + " feature values with "
                    + featureCount + " per sample do not match " + labels.length + " labels");
        }
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("classification: label " + labels[i] + " of sample " + i
                        + " is outside 0.." + (classes - 1));
            }
            oneHot[i * classes + labels[i]] = 1f;
        }
        return new Dataset(features, featureCount, oneHot, classes, labels, classes);
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

    /** True for a dataset made by {@link #classification}, which knows the class of every sample. */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * The class of every sample (length {@link #size()}); not a copy, do not modify.
     *
     * @throws IllegalStateException for a dataset without labels (see {@link #hasLabels()})
     */
    public int[] labels() {
        return requireLabels("labels");
    }

    /**
     * The number of classes of a classification dataset (equal to {@link #targetCount()}).
     *
     * @throws IllegalStateException for a dataset without labels
     */
    public int classCount() {
        requireLabels("classCount");
        return classes;
    }

    private int[] requireLabels(String op) {
        if (labels == null) {
            throw new IllegalStateException(op + ": this dataset of " + size + " samples has no class labels;"
                    + " create it with Dataset.classification");
        }
        return labels;
    }

    /**
     * A new dataset holding copies of the samples {@code rows[0], rows[1], ...} in that order
     * (indices may repeat); labels are kept. Costs one copy of the selected rows.
     */
    public Dataset select(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("select: no rows selected from a dataset of " + size);
        }
        float[] x = new float[rows.length * featureCount];
        float[] y = new float[rows.length * targetCount];
        int[] l = labels == null ? null : new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            int s = rows[r];
            if (s < 0 || s >= size) {
                throw new IndexOutOfBoundsException("select: row " + s + " (position " + r
                        + ") is outside a dataset of " + size);
            }
            System.arraycopy(features, s * featureCount, x, r * featureCount, featureCount);
            System.arraycopy(targets, s * targetCount, y, r * targetCount, targetCount);
            if (l != null) {
                l[r] = labels[s];
            }
        }
        return new Dataset(x, featureCount, y, targetCount, l, classes);
    }

    /** A copy of the first {@code n} samples (1 to {@link #size()}), e.g. for quick tests. */
    public Dataset first(int n) {
        if (n < 1 || n > size) {
            throw new IllegalArgumentException("first: n must be 1.." + size + ", got " + n);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return select(rows);
    }

    /**
     * This dataset with its features replaced by {@code newFeatures} (row-major,
     * {@code size x newFeatureCount}, not copied); targets and labels are shared, not copied.
     */
    public Dataset withFeatures(float[] newFeatures, int newFeatureCount) {
        if (newFeatureCount < 1 || newFeatures.length != (long) size * newFeatureCount) {
            throw new IllegalArgumentException("withFeatures: " + newFeatures.length + " values with "
                    + newFeatureCount + " per sample do not make " + size + " samples");
        }
        return new Dataset(newFeatures, newFeatureCount, targets, targetCount, labels, classes);
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
     * Copies the samples {@code order[start] .. order[start + rows - 1]} into {@code x}
     * ({@code [rows x featureCount]}, or any shape with {@code rows} leading and
     * {@code featureCount} values per row, such as NCHW images {@code [rows x 1 x 28 x 28]}) and
     * {@code y} ({@code [rows x targetCount]}, or any shape with {@code rows} leading and
     * {@code targetCount} values per row), through the
     * caller's scratch arrays (length at least {@code rows * featureCount} and
     * {@code rows * targetCount}), so nothing is allocated per batch.
     */
    public void fillBatch(int[] order, int start, Tensor x, Tensor y, float[] xScratch, float[] yScratch) {
        fillBatch(order, start, x, y, xScratch, yScratch, null);
    }

    /**
     * {@link #fillBatch(int[], int, Tensor, Tensor, float[], float[])}, with {@code change}
     * (null: none) applied to the batch's rows in {@code xScratch} and their count before they
     * are copied into {@code x}: training's augmentation, in the one copy per batch.
     */
    public void fillBatch(int[] order, int start, Tensor x, Tensor y, float[] xScratch, float[] yScratch,
                          java.util.function.ObjIntConsumer<float[]> change) {
        int rows = x.rank() == 0 ? 0 : x.shape().dim(0);
        if (rows == 0 || x.size() != rows * featureCount || y.rank() < 1 || y.shape().dim(0) != rows
                || y.size() != rows * targetCount) {
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
        if (change != null) {
            change.accept(xScratch, rows);
        }
        x.setRange(xScratch, 0, rows * featureCount);
        y.setRange(yScratch, 0, rows * targetCount);
    }
}
