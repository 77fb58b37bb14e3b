package dev.nn4j.tensor;

/**
 * The operand checks of {@link Ops} and {@link ImageOps}. Each check compares identities, ints
 * and enums; the {@link OpException} and its message are built only when a check fails, so a
 * call that passes allocates nothing. Fixed arities avoid varargs arrays on the hot path.
 */
final class Checks {
    private Checks() {
    }

    // ---- passing checks: no allocation ----

    /** {@code t} is FLOAT32 or FLOAT64. */
    static void floating(String op, String name, Tensor t) {
        if (!t.dtype().isFloating()) {
            throw notFloating(op, name, t);
        }
    }

    /** Same backend and dtype, and that dtype floating. */
    static void sameType(String op, String na, Tensor a, String nb, Tensor b) {
        if (!compatible(a, b)) {
            throw mismatch(op, false, new String[] {na, nb}, new Tensor[] {a, b});
        }
        floating(op, na, a);
    }

    /** Same backend and dtype, and that dtype floating. */
    static void sameType(String op, String na, Tensor a, String nb, Tensor b, String nc, Tensor c) {
        if (!compatible(a, b) || !compatible(a, c)) {
            throw mismatch(op, false, new String[] {na, nb, nc}, new Tensor[] {a, b, c});
        }
        floating(op, na, a);
    }

    /** Same backend, dtype and shape, and that dtype floating. */
    static void sameShape(String op, String na, Tensor a, String nb, Tensor b) {
        if (!congruent(a, b)) {
            throw mismatch(op, true, new String[] {na, nb}, new Tensor[] {a, b});
        }
        floating(op, na, a);
    }

    /** Same backend, dtype and shape, and that dtype floating. */
    static void sameShape(String op, String na, Tensor a, String nb, Tensor b, String nc, Tensor c) {
        if (!congruent(a, b) || !congruent(a, c)) {
            throw mismatch(op, true, new String[] {na, nb, nc}, new Tensor[] {a, b, c});
        }
        floating(op, na, a);
    }

    /** Same backend, dtype and shape, and that dtype floating. */
    static void sameShape(String op, String na, Tensor a, String nb, Tensor b, String nc, Tensor c, String nd,
                          Tensor d) {
        if (!congruent(a, b) || !congruent(a, c) || !congruent(a, d)) {
            throw mismatch(op, true, new String[] {na, nb, nc, nd}, new Tensor[] {a, b, c, d});
        }
        floating(op, na, a);
    }

    /** Rank 2. */
    static void matrix(String op, String name, Tensor t) {
        if (t.rank() != 2) {
            throw notMatrix(op, name, t);
        }
    }

    /** {@code value} is finite; the message names {@code operand} as well. */
    static void finite(String op, String name, Tensor t, String valueName, double value) {
        if (!Double.isFinite(value)) {
            throw new OpException(op, name, t, valueName + " must be finite, got " + value);
        }
    }

    /** {@code axis} of {@code t} in {@code [-rank, rank)}, made non-negative (negative counts from the end). */
    static int axis(String op, String name, Tensor t, int axis) {
        int r = t.rank();
        int d = axis < 0 ? axis + r : axis;
        if (d < 0 || d >= r) {
            throw new OpException(op, name, t, "axis " + axis + " is outside [" + -r + ", " + r + ") for " + name
                    + "'s rank " + r);
        }
        return d;
    }

    /** Same backend and dtype (shapes may differ). */
    static boolean compatible(Tensor a, Tensor b) {
        return a.backend() == b.backend() && a.dtype() == b.dtype();
    }

    /** Same backend, dtype and shape. */
    static boolean congruent(Tensor a, Tensor b) {
        return compatible(a, b) && sameShape(a, b);
    }

    /** Same shape (the same instance, or equal dimensions). */
    static boolean sameShape(Tensor a, Tensor b) {
        return a.shape() == b.shape() || a.shape().equals(b.shape());
    }

    // ---- failures: build the exception ----

    /** {@code <op>: t is [2x3] INT32; <op> needs FLOAT32 or FLOAT64}. */
    static OpException notFloating(String op, String name, Tensor t) {
        return new OpException(op, name, t, op + " needs FLOAT32 or FLOAT64");
    }

    /** {@code <op>: t is [4] FLOAT32; t must be a matrix (rank 2), it has rank 1}. */
    static OpException notMatrix(String op, String name, Tensor t) {
        return new OpException(op, name, t, name + " must be a matrix (rank 2), it has rank " + t.rank());
    }

    /**
     * The error for operands that differ in backend or dtype, or, when {@code shapes} is set, in
     * shape: lists every operand and names the first one that differs from the first.
     */
    static OpException mismatch(String op, boolean shapes, String[] names, Tensor[] ts) {
        Backend backend = ts[0].backend();
        DType dtype = ts[0].dtype();
        for (int i = 1; i < ts.length; i++) {
            if (ts[i].backend() != backend) {
                return new OpException(op, names, ts, "all operands must belong to one backend (" + names[0] + " is on "
                        + backend.name() + ", " + names[i] + " on " + ts[i].backend().name()
                        + "); move one with tensor.to(backend)");
            }
        }
        for (int i = 1; i < ts.length; i++) {
            if (ts[i].dtype() != dtype) {
                return new OpException(op, names, ts, "all operands must have one dtype");
            }
        }
        return new OpException(op, names, ts, shapes ? "shapes must be equal" : "operands are inconsistent");
    }
}
