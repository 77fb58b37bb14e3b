package dev.nn4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (actual class, predicted class) pairs for {@code n} classes: row = actual, column =
 * predicted. Gives accuracy, per-class precision, recall and F1, their macro averages (plain
 * means over all {@code n} classes), an aligned table ({@link #toString()}) and a per-class
 * report ({@link #report()}).
 *
 * <p><b>Zero denominators.</b> Precision of a class that was never predicted and recall of a
 * class that never occurs are undefined; they are reported as 0 (as scikit-learn's
 * {@code zero_division=0}), {@link #isPrecisionDefined}/{@link #isRecallDefined} tell them
 * apart, and the report marks them with {@code *} and a footnote. F1 is 0 when precision and
 * recall are both 0. No method returns NaN; {@link #accuracy()} of an empty matrix throws.
 *
 * <p>Mutable: {@link #add} accumulates, e.g. batch after batch. Not thread-safe.
 */
public final class ConfusionMatrix {
    private final List<String> names;
    private final long[][] counts;

    /** An empty matrix for classes named {@code "0" .. "n-1"}. */
    public ConfusionMatrix(int classes) {
        this(indexNames(classes));
    }

    /** An empty matrix for the given class names (index = class). */
    public ConfusionMatrix(List<String> classNames) {
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("confusionMatrix: needs at least 2 classes, got " + classNames);
        }
        this.names = List.copyOf(classNames);
        this.counts = new long[names.size()][names.size()];
    }

    private static List<String> indexNames(int classes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    /** A matrix of {@code classes} classes filled from {@code labels} (actual) and {@code predicted}. */
    public static ConfusionMatrix of(int[] labels, int[] predicted, int classes) {
        ConfusionMatrix m = new ConfusionMatrix(classes);
        m.addAll(labels, predicted);
        return m;
    }

    /** A matrix with class names filled from {@code labels} (actual) and {@code predicted}. */
    public static ConfusionMatrix of(int[] labels, int[] predicted, List<String> classNames) {
        ConfusionMatrix m = new ConfusionMatrix(classNames);
        m.addAll(labels, predicted);
        return m;
    }

    /** Counts one sample of class {@code actual} predicted as {@code predicted}. */
    public void add(int actual, int predicted) {
        int n = names.size();
        if (actual < 0 || actual >= n || predicted < 0 || predicted >= n) {
            throw new IllegalArgumentException("confusionMatrix: actual " + actual + ", predicted " + predicted
                    + "; both must be in 0.." + (n - 1));
        }
        counts[actual][predicted]++;
    }

    /** Counts {@code labels[i]} predicted as {@code predicted[i]} for every i; lengths must match. */
    public void addAll(int[] labels, int[] predicted) {
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException("confusionMatrix: " + labels.length + " labels but "
                    + predicted.length + " predictions");
        }
        for (int i = 0; i < labels.length; i++) {
            add(labels[i], predicted[i]);
        }
    }

    /** Number of classes. */
    public int classCount() {
        return names.size();
    }

    /** The class names, index = class. */
    public List<String> classNames() {
        return names;
    }

    /** Samples of class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** All samples counted. */
    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long c : row) {
                t += c;
            }
        }
        return t;
    }

    /** Samples predicted correctly (the diagonal). */
    public long correct() {
        long c = 0;
        for (int i = 0; i < counts.length; i++) {
            c += counts[i][i];
        }
        return c;
    }

    /** {@link #correct()} / {@link #total()}; throws when nothing was counted. */
    public double accuracy() {
        long t = total();
        if (t == 0) {
            throw new IllegalStateException("confusionMatrix: accuracy of an empty matrix is undefined; add samples first");
        }
        return (double) correct() / t;
    }

    /** Samples whose actual class is {@code c} (row sum). */
    public long support(int c) {
        long s = 0;
        for (long v : counts[c]) {
            s += v;
        }
        return s;
    }

    /** Samples predicted as class {@code c} (column sum). */
    public long predictedCount(int c) {
        long s = 0;
        for (long[] row : counts) {
            s += row[c];
        }
        return s;
    }

    /** False when class {@code c} was never predicted, so its precision is reported as 0. */
    public boolean isPrecisionDefined(int c) {
        return predictedCount(c) > 0;
    }

    /** False when class {@code c} never occurs, so its recall is reported as 0. */
    public boolean isRecallDefined(int c) {
        return support(c) > 0;
    }

    /** Of the samples predicted as {@code c}, the fraction that are {@code c}; 0 if none were predicted. */
    public double precision(int c) {
        long p = predictedCount(c);
        return p == 0 ? 0 : (double) counts[c][c] / p;
    }

    /** Of the samples of class {@code c}, the fraction predicted as {@code c}; 0 if the class never occurs. */
    public double recall(int c) {
        long s = support(c);
        return s == 0 ? 0 : (double) counts[c][c] / s;
    }

    /** Harmonic mean of precision and recall of class {@code c}; 0 when both are 0. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Mean of {@link #precision} over all classes. */
    public double macroPrecision() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) {
            s += precision(c);
        }
        return s / counts.length;
    }

    /** Mean of {@link #recall} over all classes. */
    public double macroRecall() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) {
            s += recall(c);
        }
        return s / counts.length;
    }

    /** Mean of the per-class {@link #f1} over all classes (not the F1 of the macro averages). */
    public double macroF1() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) {
            s += f1(c);
        }
        return s / counts.length;
    }

    /**
     * The counts as an aligned table: one row per actual class, one column per predicted class,
     * headed by the class names; numbers right-aligned.
     */
    @Override
    public String toString() {
        String corner = "actual \\ predicted";
        int first = corner.length();
        for (String name : names) {
            first = Math.max(first, name.length());
        }
        int n = names.size();
        int[] width = new int[n];
        for (int j = 0; j < n; j++) {
            width[j] = Math.max(names.get(j).length(), Long.toString(predictedCount(j)).length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad(corner, first, false));
        for (int j = 0; j < n; j++) {
            sb.append("  ").append(pad(names.get(j), width[j], true));
        }
        sb.append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(pad(names.get(i), first, false));
            for (int j = 0; j < n; j++) {
                sb.append("  ").append(pad(Long.toString(counts[i][j]), width[j], true));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Per-class precision, recall, F1 and support, then the macro averages and the accuracy,
     * three decimals, aligned. Undefined precision or recall shows as {@code 0.000*} with a footnote.
     */
    public String report() {
        int first = "macro avg".length();
        for (String name : names) {
            first = Math.max(first, name.length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("class", first, false)).append(String.format(Locale.ROOT, "  %9s   %9s   %9s   %9s%n",
                "precision", "recall", "f1", "support"));
        boolean undefined = false;
        for (int c = 0; c < names.size(); c++) {
            undefined |= !isPrecisionDefined(c) || !isRecallDefined(c);
            row(sb, names.get(c), first, cell(precision(c), isPrecisionDefined(c)), cell(recall(c), isRecallDefined(c)),
                    cell(f1(c), true), support(c));
        }
        long total = total();
        row(sb, "macro avg", first, cell(macroPrecision(), true), cell(macroRecall(), true), cell(macroF1(), true),
                total);
        if (total > 0) {
            row(sb, "accuracy", first, "", "", cell(accuracy(), true), total);
        }
        if (undefined) {
            sb.append("* undefined (class never predicted, or never present), counted as 0\n");
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, int width, String p, String r, String f1, long support) {
        sb.append(pad(name, width, false))
                .append(String.format(Locale.ROOT, "  %10s  %10s  %10s  %9d%n", p, r, f1, support));
    }

    private static String cell(double v, boolean defined) {
        return String.format(Locale.ROOT, "%9.3f", v) + (defined ? " " : "*");
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
