package dev.nn4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a numeric CSV file with a header row into a {@link Dataset}: one column is the label
 * (chosen by name or 0-based index), every other column is a feature. Immutable; configure with
 * {@link #labelColumn(String)} / {@link #labelColumn(int)} and {@link #delimiter(char)}, e.g.
 * {@code CsvReader.labelColumn("species").readClassification(file, 3)}.
 *
 * <p>Format: UTF-8 (a leading byte-order mark is skipped), first line the column names, cells as
 * described in {@link CsvLine} (quoted cells may contain the delimiter), blank lines skipped.
 * Cells are decimal numbers ({@code -1.5}, {@code 2e-3}; surrounding spaces allowed). Anything
 * else (empty cells, {@code NaN}, {@code Infinity}, text, numbers beyond float range) and rows
 * with more or fewer cells than the header throw {@link MalformedDataException} with the file,
 * line, column name and cell text; so do bytes that are not UTF-8. Rows are collected in memory, then copied once into the dataset.
 */
public final class CsvReader {
    private final String labelName;
    private final int labelIndex;
    private final char delimiter;

    private CsvReader(String labelName, int labelIndex, char delimiter) {
        this.labelName = labelName;
        this.labelIndex = labelIndex;
        this.delimiter = delimiter;
    }

    /** A comma-separated reader whose label is the column named {@code name} in the header. */
    public static CsvReader labelColumn(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("csv: label column name must not be blank");
        }
        return new CsvReader(name.trim(), -1, ',');
    }

    /** A comma-separated reader whose label is column {@code index} (0-based). */
    public static CsvReader labelColumn(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("csv: label column index must be >= 0, got " + index);
        }
        return new CsvReader(null, index, ',');
    }

    /** This reader with another cell delimiter, e.g. {@code ';'} or {@code '\t'}. */
    public CsvReader delimiter(char d) {
        if (d == '"' || d == '\n' || d == '\r') {
            throw new IllegalArgumentException("csv: delimiter cannot be a quote or line break");
        }
        return new CsvReader(labelName, labelIndex, d);
    }

    /**
     * A classification dataset: every label cell must be an integer in {@code 0 .. classes - 1}
     * (written {@code 2} or {@code 2.0}); targets are one-hot, labels kept (see
     * {@link Dataset#classification}).
     */
    public Dataset readClassification(Path file, int classes) throws IOException {
        if (classes < 2) {
            throw new IllegalArgumentException("csv: needs at least 2 classes, got " + classes);
        }
        Table t = parse(file, classes);
        int[] labels = new int[t.rows];
        for (int i = 0; i < t.rows; i++) {
            labels[i] = (int) t.labels[i];
        }
        return Dataset.classification(t.features, t.featureCount, labels, classes);
    }

    /** A regression dataset: the label column becomes a single target value per row. */
    public Dataset readRegression(Path file) throws IOException {
        Table t = parse(file, 0);
        return new Dataset(t.features, t.featureCount, t.labels, 1);
    }

    /** Parsed numbers: {@code rows x featureCount} features and one label value per row. */
    private record Table(float[] features, int featureCount, float[] labels, int rows) {
    }

    private Table parse(Path file, int classes) throws IOException {
        LineCounter lines = new LineCounter();
        try {
            return parse(file, classes, lines);
        } catch (CharacterCodingException e) {
            throw new MalformedDataException(file, "line " + (lines.number + 1) + ": not UTF-8 text (" + e + ")", e);
        }
    }

    /** The number of the last line read, for messages about the line that could not be decoded. */
    private static final class LineCounter {
        int number;
    }

    private Table parse(Path file, int classes, LineCounter lines) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null || first.isBlank()) {
                throw new MalformedDataException(file, "line 1: expected a header row with the column names, found "
                        + (first == null ? "an empty file" : "a blank line"));
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            List<String> header = CsvLine.split(first, delimiter, file, 1).stream().map(String::trim).toList();
            int label = resolveLabel(file, header);
            int width = header.size();
            if (width < 2) {
                throw new MalformedDataException(file, "header has " + width + " column " + header
                        + "; needs the label column and at least one feature column");
            }
            float[] features = new float[1024];
            float[] labels = new float[64];
            int rows = 0;
            int lineNo = 1;
            lines.number = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                lines.number = lineNo;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = CsvLine.split(line, delimiter, file, lineNo);
                if (cells.size() != width) {
                    throw new MalformedDataException(file, "line " + lineNo + " has " + cells.size()
                            + " cells but the header has " + width + " columns");
                }
                long needed = (long) (rows + 1) * (width - 1);
                if (needed > features.length) {
                    if (needed > IdxReader.MAX_VALUES) {
                        throw new MalformedDataException(file, "line " + lineNo + ": more feature values than the "
                                + IdxReader.MAX_VALUES + " a Java array can hold");
                    }
                    features = Arrays.copyOf(features, (int) Math.min(IdxReader.MAX_VALUES, 2L * features.length));
                }
                if (rows == labels.length) {
                    labels = Arrays.copyOf(labels, labels.length * 2);
                }
                int f = rows * (width - 1);
                for (int c = 0; c < width; c++) {
                    float v = number(file, lineNo, header.get(c), cells.get(c));
                    if (c == label) {
                        labels[rows] = checkLabel(file, lineNo, header.get(c), cells.get(c), v, classes);
                    } else {
                        features[f++] = v;
                    }
                }
                rows++;
            }
            if (rows == 0) {
                throw new MalformedDataException(file, "no data rows after the header " + header);
            }
            return new Table(Arrays.copyOf(features, rows * (width - 1)), width - 1, Arrays.copyOf(labels, rows), rows);
        }
    }

    private int resolveLabel(Path file, List<String> header) throws MalformedDataException {
        if (labelName == null) {
            if (labelIndex >= header.size()) {
                throw new MalformedDataException(file, "label column index " + labelIndex + " is outside the "
                        + header.size() + " columns " + header);
            }
            return labelIndex;
        }
        int at = header.indexOf(labelName);
        if (at < 0) {
            throw new MalformedDataException(file, "no column named \"" + labelName + "\"; the header has " + header);
        }
        if (header.lastIndexOf(labelName) != at) {
            throw new MalformedDataException(file, "label column name \"" + labelName
                    + "\" appears more than once in the header " + header + "; choose it by index");
        }
        return at;
    }

    private static float checkLabel(Path file, int lineNo, String column, String text, float v, int classes)
            throws MalformedDataException {
        if (classes > 0 && (v != Math.rint(v) || v < 0 || v >= classes)) {
            throw new MalformedDataException(file, "line " + lineNo + ", column \"" + column + "\": label \""
                    + text.trim() + "\" is not a class in 0.." + (classes - 1));
        }
        return v;
    }

    private static float number(Path file, int lineNo, String column, String cell) throws MalformedDataException {
        String text = cell.trim();
        if (!isDecimal(text)) {
            throw new MalformedDataException(file, "line " + lineNo + ", column \"" + column + "\": \"" + cell
                    + "\" is not a number" + (text.isEmpty() ? " (empty cell)" : ""));
        }
        float v = Float.parseFloat(text);
        if (Float.isInfinite(v)) {
            throw new MalformedDataException(file, "line " + lineNo + ", column \"" + column + "\": \"" + cell
                    + "\" is beyond the float range");
        }
        return v;
    }

    /** Plain decimal syntax: optional sign, digits with an optional point, optional exponent. */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }
}
