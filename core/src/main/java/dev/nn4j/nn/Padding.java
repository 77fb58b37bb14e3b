package dev.nn4j.nn;

import java.util.Objects;

/**
 * Zero padding around an image for a convolution or pooling window.
 * <ul>
 * <li>{@link #valid()}: none; {@code out = floor((in - k) / s) + 1}.</li>
 * <li>{@link #same()}: as TensorFlow and PyTorch, {@code out = ceil(in / s)}; the total
 *     padding {@code max((out - 1)·s + k - in, 0)} is split with the odd extra row or
 *     column at the bottom or right.</li>
 * <li>{@link #of(int, int, int, int)}: explicit rows and columns on each side;
 *     {@code out = floor((in + before + after - k) / s) + 1}.</li>
 * </ul>
 * Immutable.
 */
public final class Padding {
    /** How the padding is decided. */
    public enum Kind { VALID, SAME, EXPLICIT }

    private static final Padding VALID = new Padding(Kind.VALID, 0, 0, 0, 0);
    private static final Padding SAME = new Padding(Kind.SAME, 0, 0, 0, 0);

    private final Kind kind;
    private final int top;
    private final int left;
    private final int bottom;
    private final int right;

    private Padding(Kind kind, int top, int left, int bottom, int right) {
        this.kind = kind;
        this.top = top;
        this.left = left;
        this.bottom = bottom;
        this.right = right;
    }

    /** No padding. */
    public static Padding valid() {
        return VALID;
    }

    /** Output size {@code ceil(in / stride)}, extra padding at the bottom and right. */
    public static Padding same() {
        return SAME;
    }

    /** {@code p} rows or columns on every side. */
    public static Padding of(int p) {
        return of(p, p, p, p);
    }

    /** Explicit padding, each side {@code >= 0}. */
    public static Padding of(int top, int left, int bottom, int right) {
        if (top < 0 || left < 0 || bottom < 0 || right < 0) {
            throw new IllegalArgumentException("padding: every side must be >= 0, got top " + top + ", left " + left
                    + ", bottom " + bottom + ", right " + right);
        }
        return new Padding(Kind.EXPLICIT, top, left, bottom, right);
    }

    /** VALID, SAME or EXPLICIT. */
    public Kind kind() {
        return kind;
    }

    /** Explicit top padding (0 unless {@link Kind#EXPLICIT}). */
    public int top() {
        return top;
    }

    /** Explicit left padding. */
    public int left() {
        return left;
    }

    /** Explicit bottom padding. */
    public int bottom() {
        return bottom;
    }

    /** Explicit right padding. */
    public int right() {
        return right;
    }

    /** The padding {@code {top, left, bottom, right}} for an {@code inH x inW} input, a {@code kh x kw} window and strides {@code sh, sw}. */
    public int[] resolve(int inH, int inW, int kh, int kw, int sh, int sw) {
        switch (kind) {
            case VALID:
                return new int[] {0, 0, 0, 0};
            case SAME: {
                int totalH = Math.max((ceilDiv(inH, sh) - 1) * sh + kh - inH, 0);
                int totalW = Math.max((ceilDiv(inW, sw) - 1) * sw + kw - inW, 0);
                return new int[] {totalH / 2, totalW / 2, totalH - totalH / 2, totalW - totalW / 2};
            }
            default:
                return new int[] {top, left, bottom, right};
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** {@code valid}, {@code same} or {@code [top,left,bottom,right]}, as in model files. */
    @Override
    public String toString() {
        return kind == Kind.EXPLICIT ? "[" + top + "," + left + "," + bottom + "," + right + "]"
                : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@link #toString()}'s forms. */
    public static Padding parse(Object value) {
        Objects.requireNonNull(value, "padding");
        if (value instanceof java.util.List<?> list) {
            if (list.size() != 4) {
                throw new IllegalArgumentException("padding: expected [top,left,bottom,right], got " + list);
            }
            int[] p = new int[4];
            for (int i = 0; i < 4; i++) {
                p[i] = ((Number) list.get(i)).intValue();
            }
            return of(p[0], p[1], p[2], p[3]);
        }
        String s = value.toString().trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("valid")) {
            return VALID;
        }
        if (s.equals("same")) {
            return SAME;
        }
        throw new IllegalArgumentException("padding: expected valid, same or [top,left,bottom,right], got " + value);
    }

    /** The JSON form: a string or a list of four sides. */
    Object toJson() {
        return kind == Kind.EXPLICIT ? java.util.List.of(top, left, bottom, right) : toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p && p.kind == kind && p.top == top && p.left == left && p.bottom == bottom
                && p.right == right;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, top, left, bottom, right);
    }
}
