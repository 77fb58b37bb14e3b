package dev.nn4j.data;

/**
 * A per-feature affine transform {@code x' = (x - offset[j]) · factor[j]} whose parameters are
 * computed once on a training set and then applied unchanged to the training, validation and
 * test sets, so no statistics leak from the data being evaluated. Immutable.
 *
 * <ul>
 *   <li>{@link #minMax}: {@code offset = min}, {@code factor = 1 / (max - min)}, mapping the
 *   training range of every feature to [0, 1]. Other sets may land outside [0, 1]; nothing is
 *   clamped. A feature that is constant on the training set gets {@code factor = 1}, so it
 *   becomes 0 there.</li>
 *   <li>{@link #standardize}: {@code offset = mean}, {@code factor = 1 / std}, with the population
 *   standard deviation (divide by n). A constant feature gets {@code factor = 1}: it is centred,
 *   not divided by zero.</li>
 * </ul>
 * Statistics are accumulated in double. Cost: one pass over the features to fit, one to apply.
 */
public final class FeatureScaler {
    private final double[] offset;
    private final double[] factor;

    private FeatureScaler(double[] offset, double[] factor) {
        this.offset = offset;
        this.factor = factor;
    }

    /** Min-max scaling fitted on {@code train}. */
    public static FeatureScaler minMax(Dataset train) {
        int m = train.featureCount();
        double[] min = new double[m];
        double[] max = new double[m];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        float[] x = checkedFeatures("minMax", train);
        for (int i = 0; i < x.length; i++) {
            int j = i % m;
            min[j] = Math.min(min[j], x[i]);
            max[j] = Math.max(max[j], x[i]);
        }
        double[] factor = new double[m];
        for (int j = 0; j < m; j++) {
            factor[j] = max[j] > min[j] ? 1.0 / (max[j] - min[j]) : 1.0;
        }
        return new FeatureScaler(min, factor);
    }

    /** Standardisation (zero mean, unit variance per feature) fitted on {@code train}. */
    public static FeatureScaler standardize(Dataset train) {
        int m = train.featureCount();
        int n = train.size();
        double[] mean = new double[m];
        double[] squares = new double[m];
        float[] x = checkedFeatures("standardize", train);
        for (int i = 0; i < x.length; i++) {
            mean[i % m] += x[i];
        }
        for (int j = 0; j < m; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean[i % m];
            squares[i % m] += d * d;
        }
        double[] factor = new double[m];
        for (int j = 0; j < m; j++) {
            double std = Math.sqrt(squares[j] / n);
            factor[j] = std > 0 ? 1.0 / std : 1.0;
        }
        return new FeatureScaler(mean, factor);
    }

    private static float[] checkedFeatures(String op, Dataset train) {
        float[] x = train.features();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(op + ": feature " + (i % train.featureCount()) + " of sample "
                        + (i / train.featureCount()) + " is " + x[i] + "; scaling needs finite values");
            }
        }
        return x;
    }

    /** Number of features this scaler was fitted on. */
    public int featureCount() {
        return offset.length;
    }

    /** The value subtracted from feature {@code j} (its training min or mean). */
    public double offset(int j) {
        return offset[j];
    }

    /** The factor feature {@code j} is multiplied by after the subtraction. */
    public double factor(int j) {
        return factor[j];
    }

    /** Scaled copy of row-major {@code features} ({@code n x featureCount()}); the input is not changed. */
    public float[] apply(float[] features) {
        int m = offset.length;
        if (features.length % m != 0) {
            throw new IllegalArgumentException("scale: " + features.length + " values are not rows of the "
                    + m + " features this scaler was fitted on");
        }
        float[] out = new float[features.length];
        for (int i = 0; i < features.length; i++) {
            int j = i % m;
            out[i] = (float) ((features[i] - offset[j]) * factor[j]);
        }
        return out;
    }

    /** {@code data} with scaled features (a new feature array; targets and labels shared). */
    public Dataset apply(Dataset data) {
        if (data.featureCount() != offset.length) {
            throw new IllegalArgumentException("scale: dataset has " + data.featureCount()
                    + " features but this scaler was fitted on " + offset.length);
        }
        return data.withFeatures(apply(data.features()), data.featureCount());
    }
}
