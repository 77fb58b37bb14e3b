package dev.nn4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a CSV file into a {@link Dataset}: one column is the label (chosen by name or 0-based
 * index), every other column is a numeric feature. Immutable; configure with
 * {@link #labelColumn(String)} / {@link #labelColumn(int)}, {@link #delimiter(char)} and
 * {@link #header(boolean)}, e.g. {@code CsvReader.labelColumn("species").readClassification(file, 3)}.
 *
 * <p>Labels are class numbers ({@link #readClassification(Path, int)}), class names such as
 * {@code setosa} ({@link #readClassification(Path, List)}, with {@link #labelNames(Path)} to list
 * them), or any number ({@link #readRegression(Path)}).
 *
 * <p>Format: UTF-8 (a leading byte-order mark is skipped), first line the column names, cells as
 * described in {@link CsvLine} (quoted cells may contain the delimiter), blank lines skipped.
 * A first line whose cells are all numbers (or all but one, the label) is refused unless
 * {@link #header(boolean)} says whether it is a header: reading it as a header would silently
 * drop a row of data. Feature cells are decimal numbers ({@code -1.5}, {@code 2e-3}; surrounding
 * spaces allowed). Anything else (empty cells, {@code NaN}, {@code Infinity}, text, numbers
 * beyond float range) and rows with more or fewer cells than the header throw
 * {@link MalformedDataException} with the file, line, column name and cell text; so do bytes
 * that are not UTF-8. Rows are collected in memory, then copied once into the dataset.
 */
public final class CsvReader {
    private final String labelName;
    private final int labelIndex;
    private final char delimiter;
    /** Whether the first line holds the column names; null: yes, unless it looks like data (an error then). */
    private final Boolean hasHeader;

    private CsvReader(String labelName, int labelIndex, char delimiter, Boolean header) {
        this.labelName = labelName;
        this.labelIndex = labelIndex;
        this.delimiter = delimiter;
        this.hasHeader = header;
    }

    /** A comma-separated reader whose label is the column named {@code name} in the header. */
    public static CsvReader labelColumn(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("csv: label column name must not be blank");
        }
        return new CsvReader(name.trim(), -1, ',', null);
    }

    /** A comma-separated reader whose label is column {@code index} (0-based). */
    public static CsvReader labelColumn(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("csv: label column index must be >= 0, got " + index);
        }
        return new CsvReader(null, index, ',', null);
    }

    /** This reader with another cell delimiter, e.g. {@code ';'} or {@code '\t'}. */
    public CsvReader delimiter(char d) {
        if (d == '"' || d == '\n' || d == '\r') {
            throw new IllegalArgumentException("csv: delimiter cannot be a quote or line break");
        }
        return new CsvReader(labelName, labelIndex, d, hasHeader);
    }

    /**
     * This reader with the header row stated: {@code true} reads the first line as the column
     * names even when they are numbers, {@code false} reads it as data and names the columns
     * {@code column 0}, {@code column 1}, ... (the label must then be chosen by index).
     */
    public CsvReader header(boolean present) {
        if (!present && labelName != null) {
            throw new IllegalArgumentException("csv: a file without a header row has no column named \""
                    + labelName + "\"; choose the label column by index");
        }
        return new CsvReader(labelName, labelIndex, delimiter, present);
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
        return classification(parse(file, (f, line, column, cell) -> {
            String text = cell.trim();
            if (!isDecimal(text)) {
                throw new MalformedDataException(f, "line " + line + ", column \"" + column + "\": label \"" + cell
                        + "\" is not a class number in 0.." + (classes - 1) + "; for class names as labels use"
                        + " readClassification(file, classNames), with labelNames(file) to list them");
            }
            return checkLabel(f, line, column, cell, number(f, line, column, cell), classes);
        }), classes);
    }

    /**
     * A classification dataset whose label cells are class names: class {@code i} is
     * {@code classNames.get(i)} (compared after trimming spaces). Use the same list for the
     * training and the test file, and keep it with the model to name its outputs, e.g. in
     * {@link dev.nn4j.eval.ConfusionMatrix}. A label that is not in the list throws, naming it.
     */
    public Dataset readClassification(Path file, List<String> classNames) throws IOException {
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("csv: needs at least 2 class names, got " + classNames);
        }
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            if (index.put(classNames.get(i).trim(), i) != null) {
                throw new IllegalArgumentException("csv: class name \"" + classNames.get(i) + "\" appears twice in "
                        + classNames);
            }
        }
        return classification(parse(file, (f, line, column, cell) -> {
            Integer c = index.get(cell.trim());
            if (c == null) {
                throw new MalformedDataException(f, "line " + line + ", column \"" + column + "\": label \"" + cell
                        + "\" is not one of the class names " + classNames);
            }
            return c;
        }), classNames.size());
    }

    /** The distinct label cells of {@code file}, trimmed and sorted: the class names for {@link #readClassification(Path, List)}. */
    public List<String> labelNames(Path file) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        parse(file, (f, line, column, cell) -> {
            names.add(cell.trim());
            return 0;
        });
        return new ArrayList<>(names);
    }

    private static Dataset classification(Table t, int classes) {
        int[] labels = new int[t.rows];
        for (int i = 0; i < t.rows; i++) {
            labels[i] = (int) t.labels[i];
        }
        return Dataset.classification(t.features, t.featureCount, labels, classes);
    }

    /** A regression dataset: the label column becomes a single target value per row. */
    public Dataset readRegression(Path file) throws IOException {
        Table t = parse(file, CsvReader::number);
        return new Dataset(t.features, t.featureCount, t.labels, 1);
    }

    /** Turns a label cell into its value. */
    @FunctionalInterface
    private interface LabelCell {
        float value(Path file, int line, String column, String cell) throws MalformedDataException;
    }

    /** Parsed numbers: {@code rows x featureCount} features and one label value per row. */
    private record Table(float[] features, int featureCount, float[] labels, int rows) {
    }

    private Table parse(Path file, LabelCell labelCell) throws IOException {
        LineCounter lines = new LineCounter();
        try {
            return parse(file, labelCell, lines);
        } catch (CharacterCodingException e) {
            throw new MalformedDataException(file, "line " + (lines.number + 1) + ": not UTF-8 text (" + e + ")", e);
        }
    }

    /** The number of the last line read, for messages about the line that could not be decoded. */
    private static final class LineCounter {
        int number;
    }

    private Table parse(Path file, LabelCell labelCell, LineCounter lines) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null || first.isBlank()) {
                throw new MalformedDataException(file, "line 1: expected " + (hasHeader == Boolean.FALSE ? "data"
                        : "a header row with the column names") + ", found " + (first == null ? "an empty file"
                        : "a blank line"));
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            List<String> firstCells = CsvLine.split(first, delimiter, file, 1);
            boolean firstIsData = hasHeader == Boolean.FALSE;
            List<String> header = firstIsData ? columnNames(firstCells.size())
                    : firstCells.stream().map(String::trim).toList();
            if (hasHeader == null) {
                refuseNumericHeader(file, header);
            }
            int label = resolveLabel(file, header);
            int width = header.size();
            if (width < 2) {
                throw new MalformedDataException(file, "header has " + width + " column " + header
                        + "; needs the label column and at least one feature column");
            }
            Rows rows = new Rows(file, header, label, labelCell);
            lines.number = 1;
            if (firstIsData) {
                rows.add(firstCells, 1);
            }
            int lineNo = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                lines.number = lineNo;
                if (!line.isBlank()) {
                    rows.add(CsvLine.split(line, delimiter, file, lineNo), lineNo);
                }
            }
            if (rows.count == 0) {
                throw new MalformedDataException(file, "no data rows after the header " + header);
            }
            return rows.table();
        }
    }

    /** {@code column 0}, {@code column 1}, ...: the names of the columns of a file without a header row. */
    private static List<String> columnNames(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("column " + i);
        }
        return names;
    }

    /** Throws when every cell of the first line, or every cell but one (the label), is a number: that line is data. */
    private static void refuseNumericHeader(Path file, List<String> cells) throws MalformedDataException {
        int numbers = 0;
        for (String c : cells) {
            numbers += isDecimal(c) ? 1 : 0;
        }
        if (cells.size() >= 2 && numbers >= cells.size() - 1) {
            throw new MalformedDataException(file, "line 1 " + cells + " looks like data, not a header row of column"
                    + " names: " + (numbers == cells.size() ? "every cell" : "every cell but one") + " is a number."
                    + " Say which it is: CsvReader...header(false) reads it as the first data row (choose the label"
                    + " column by index), header(true) reads numbers as column names");
        }
    }

    /** The data rows collected so far: features row-major, one label value per row. */
    private static final class Rows {
        private final Path file;
        private final List<String> header;
        private final int label;
        private final LabelCell labelCell;
        private final int width;
        private float[] features = new float[1024];
        private float[] labels = new float[64];
        int count;

        Rows(Path file, List<String> header, int label, LabelCell labelCell) {
            this.file = file;
            this.header = header;
            this.label = label;
            this.labelCell = labelCell;
            this.width = header.size();
        }

        void add(List<String> cells, int lineNo) throws MalformedDataException {
            if (cells.size() != width) {
                throw new MalformedDataException(file, "line " + lineNo + " has " + cells.size()
                        + " cells but the header has " + width + " columns");
            }
            long needed = (long) (count + 1) * (width - 1);
            if (needed > features.length) {
                if (needed > IdxReader.MAX_VALUES) {
                    throw new MalformedDataException(file, "line " + lineNo + ": more feature values than the "
                            + IdxReader.MAX_VALUES + " a Java array can hold");
                }
                features = Arrays.copyOf(features, (int) Math.min(IdxReader.MAX_VALUES, 2L * features.length));
            }
            if (count == labels.length) {
                labels = Arrays.copyOf(labels, labels.length * 2);
            }
            int f = count * (width - 1);
            for (int c = 0; c < width; c++) {
                if (c == label) {
                    labels[count] = labelCell.value(file, lineNo, header.get(c), cells.get(c));
                } else {
                    features[f++] = number(file, lineNo, header.get(c), cells.get(c));
                }
            }
            count++;
        }

        Table table() {
            return new Table(Arrays.copyOf(features, count * (width - 1)), width - 1, Arrays.copyOf(labels, count), count);
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
        if (v != Math.rint(v) || v < 0 || v >= classes) {
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
