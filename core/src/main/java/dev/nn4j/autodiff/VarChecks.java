package dev.nn4j.autodiff;

import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Shape;

/**
 * The checks {@link F}'s functions and the ops' {@code infer} share, with messages in
 * {@link OpException}'s format: {@code add: a is [2x3] FLOAT32, b is [4x1] FLOAT32; <rule>}.
 */
final class VarChecks {
    private VarChecks() {
    }

    /** An {@link OpException} for {@code op} naming each operand's shape and dtype, then the rule. */
    static OpException fail(String op, String[] names, Var[] operands, String rule) {
        StringBuilder sb = new StringBuilder(op).append(": ");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append(" is ").append(operands[i].shape()).append(' ')
                    .append(operands[i].dtype());
        }
        return new OpException(op, sb.append("; ").append(rule).toString());
    }

    static OpException fail(String op, String name, Var v, String rule) {
        return fail(op, new String[] {name}, new Var[] {v}, rule);
    }

    /** Throws unless {@code v} is FLOAT32 or FLOAT64. */
    static void floating(String op, String name, Var v) {
        if (!v.dtype().isFloating()) {
            throw fail(op, name, v, op + " needs FLOAT32 or FLOAT64");
        }
    }

    /** Throws unless {@code a} and {@code b} have one dtype. */
    static void sameType(String op, Var a, Var b) {
        if (a.dtype() != b.dtype()) {
            throw fail(op, new String[] {"a", "b"}, new Var[] {a, b}, "the dtypes must be equal");
        }
    }

    /**
     * NumPy's broadcast of two shapes: ranks aligned on the right, each pair of dimensions equal
     * or one of them 1. Throws naming the first dimension (of the result) that fits neither.
     */
    static Shape broadcast(String op, Var a, Var b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromRight(a.shape(), rank - 1 - i);
            int db = dimFromRight(b.shape(), rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw fail(op, new String[] {"a", "b"}, new Var[] {a, b},
                        "dimension " + i + " of the broadcast (" + da + " and " + db + ") neither match nor is 1");
            }
            dims[i] = Math.max(da, db);
        }
        return Shape.of(dims);
    }

    /** Dimension {@code fromRight} counted from the last (0 = last) of {@code s}, 1 beyond its rank. */
    static int dimFromRight(Shape s, int fromRight) {
        int i = s.rank() - 1 - fromRight;
        return i >= 0 ? s.dim(i) : 1;
    }

    /** {@code s} with leading 1s up to {@code rank}. */
    static Shape padLeft(Shape s, int rank) {
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = dimFromRight(s, rank - 1 - i);
        }
        return Shape.of(dims);
    }

    /** Whether {@code from} broadcasts to {@code to} (ranks aligned on the right). */
    static boolean broadcastsTo(Shape from, Shape to) {
        if (from.rank() > to.rank()) {
            return false;
        }
        for (int i = 0; i < from.rank(); i++) {
            int d = dimFromRight(from, i);
            if (d != 1 && d != dimFromRight(to, i)) {
                return false;
            }
        }
        return true;
    }
}
