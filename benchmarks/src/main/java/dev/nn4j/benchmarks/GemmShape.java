package dev.nn4j.benchmarks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operands of one benchmarked matrix product {@code C = op(A) · op(B)}, written as the
 * stored shapes of A and B with {@code T} after an operand that is used transposed:
 * {@code 128x784*784x256} is a plain product, {@code 128x784T*128x256} is
 * {@code Aᵀ·B -> [784x256]}, {@code 128x256*784x256T} is {@code A·Bᵀ -> [128x784]}.
 * The report generator parses the same strings to turn times into GFLOP/s.
 */
public record GemmShape(int aRows, int aCols, boolean transA, int bRows, int bCols, boolean transB) {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)x(\\d+)(T?)\\*(\\d+)x(\\d+)(T?)");

    /** Checks that the inner dimensions of {@code op(A)} and {@code op(B)} agree. */
    public GemmShape {
        if (aRows < 1 || aCols < 1 || bRows < 1 || bCols < 1) {
            throw new IllegalArgumentException("gemm shape: dimensions must be >= 1, got A " + aRows + "x" + aCols
                    + ", B " + bRows + "x" + bCols);
        }
        int k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows;
        if (k != kb) {
            throw new IllegalArgumentException("gemm shape: op(A) has " + k + " columns but op(B) has " + kb
                    + " rows (A " + aRows + "x" + aCols + (transA ? "T" : "") + ", B " + bRows + "x" + bCols
                    + (transB ? "T" : "") + ")");
        }
    }

    /** Parses {@code AROWSxACOLS[T]*BROWSxBCOLS[T]}, e.g. {@code 128x784T*128x256}. */
    public static GemmShape parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("gemm shape: '" + text
                    + "' is not of the form 128x784*784x256 (T after an operand transposes it)");
        }
        return new GemmShape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), !m.group(3).isEmpty(),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), !m.group(6).isEmpty());
    }

    /** Rows of C. */
    public int m() {
        return transA ? aCols : aRows;
    }

    /** The shared (inner) dimension. */
    public int k() {
        return transA ? aRows : aCols;
    }

    /** Columns of C. */
    public int n() {
        return transB ? bRows : bCols;
    }

    /** Floating-point operations of one product: {@code 2·m·n·k} (one multiply and one add per term). */
    public double flops() {
        return 2.0 * m() * n() * k();
    }
}
