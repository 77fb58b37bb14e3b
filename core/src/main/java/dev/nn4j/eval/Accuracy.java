package dev.nn4j.eval;

import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;

/**
 * Classification accuracy: the fraction of samples whose predicted class is the true one, and
 * top-k accuracy from a score matrix ({@code rows x classes}, one row of scores or
 * probabilities per sample, larger = more likely).
 *
 * <p>Ties follow {@link Ops#argmaxRows}: among equal scores the lower class index ranks first.
 * So the true class {@code t} of a row ranks {@code #(scores > s_t) + #(j < t with score = s_t)}
 * and counts as a top-k hit when that rank is below k; top-1 equals argmax accuracy.
 * NaN scores are rejected, as are empty inputs: accuracy of nothing is undefined.
 */
public final class Accuracy {
    private Accuracy() {
    }

    /** Fraction of positions where {@code predicted[i] == labels[i]}. */
    public static double of(int[] labels, int[] predicted) {
        if (labels.length != predicted.length || labels.length == 0) {
            throw new IllegalArgumentException("accuracy: " + labels.length + " labels and " + predicted.length
                    + " predictions; both must be equal and non-zero");
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == predicted[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    /** Argmax accuracy of a score matrix {@code [rows x classes]} against {@code labels[rows]}. */
    public static double of(Tensor scores, int[] labels) {
        return of(labels, Ops.argmaxRows(scores));
    }

    /**
     * Top-k accuracy of row-major {@code scores} ({@code labels.length x classes}): the fraction
     * of rows whose true class is among the k best-ranked (see the class comment for ties).
     */
    public static double topK(float[] scores, int classes, int[] labels, int k) {
        double[] wide = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            wide[i] = scores[i];
        }
        return topK(wide, classes, labels, k);
    }

    /** Top-k accuracy of a score matrix {@code [rows x classes]} against {@code labels[rows]}. */
    public static double topK(Tensor scores, int[] labels, int k) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException("topK: scores are " + scores.shape() + "; a matrix [rows x classes]"
                    + " is required");
        }
        return topK(scores.toDoubleArray(), scores.cols(), labels, k);
    }

    private static double topK(double[] scores, int classes, int[] labels, int k) {
        if (classes < 1 || labels.length == 0 || scores.length != (long) labels.length * classes) {
            throw new IllegalArgumentException("topK: " + scores.length + " scores do not form " + labels.length
                    + " rows of " + classes + " classes (labels and classes must be non-zero)");
        }
        if (k < 1 || k > classes) {
            throw new IllegalArgumentException("topK: k must be 1.." + classes + ", got " + k);
        }
        int hits = 0;
        for (int r = 0; r < labels.length; r++) {
            int t = labels[r];
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException("topK: label " + t + " of row " + r + " is outside 0.." + (classes - 1));
            }
            int base = r * classes;
            double st = scores[base + t];
            int rank = 0;
            for (int j = 0; j < classes; j++) {
                double s = scores[base + j];
                if (Double.isNaN(s)) {
                    throw new IllegalArgumentException("topK: score of class " + j + " in row " + r + " is NaN");
                }
                if (s > st || (s == st && j < t)) {
                    rank++;
                }
            }
            if (rank < k) {
                hits++;
            }
        }
        return (double) hits / labels.length;
    }
}
