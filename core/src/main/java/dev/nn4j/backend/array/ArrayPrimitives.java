package dev.nn4j.backend.array;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Primitives;
import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;

import java.util.Arrays;

/**
 * The reference {@link Primitives} for {@link ArrayTensor} operands ({@code float[]},
 * {@code double[]}, {@code int[]}, {@code long[]}), single-threaded, allocating nothing once
 * warm. Each method first looks for one of nn4j 0.1's cases and runs 0.1's loop for it, so
 * those results stay bit for bit: equal shapes take {@link FloatLoops}/{@link DoubleLoops}'
 * {@code add}, {@code sub}, {@code mul}, {@code div} and unary loops, a row added over a matrix
 * {@code addRowVector}, {@code affine} with shift 0 or scale 1 {@code scale}/{@code addScalar},
 * a matrix transpose {@code transpose}, column sums {@code sumRows}. Everything else runs the
 * general strided loops: {@link ArrayElementwise} (broadcasting), {@link ArrayReduce},
 * {@link ArrayMovement}; those are correct for every rank, broadcast pattern and dtype the
 * contract allows, and slower (offset-indexed loops that the JIT does not vectorise).
 *
 * <p>Matrix products over the last two dimensions loop over the batch, calling
 * {@link #gemmFloat}/{@link #gemmDouble} on offsets into the arrays; a batch of {@code a}
 * against one shared {@code b} is a single product of {@code batch·m} rows. Subclasses override
 * those two to call a faster product.
 *
 * <p>Stateless and thread-safe (the general loops keep per-thread scratch). Operands are
 * assumed valid (the {@link Primitives} contract); a tensor that is not an {@link ArrayTensor}
 * is rejected with an {@link IllegalArgumentException}.
 */
public class ArrayPrimitives implements Primitives {

    /** Creates the primitives; they hold no state, so one instance per backend is enough. */
    public ArrayPrimitives() {
    }

    // ---- element-wise ----

    /** Equal shapes: 0.1's loops for FLOAT32 and FLOAT64; otherwise the broadcasting loop. */
    @Override
    public void unary(Unary f, Tensor a, Tensor out) {
        if (sameShape(a, out) && out.dtype() == DType.FLOAT32) {
            FloatLoops.unary(f, floats(a), floats(out), out.size());
        } else if (sameShape(a, out) && out.dtype() == DType.FLOAT64) {
            DoubleLoops.unary(f, doubles(a), doubles(out), out.size());
        } else {
            ArrayElementwise.unary(f, a, out);
        }
    }

    /**
     * Equal shapes with {@code ADD, SUB, MUL, DIV}: 0.1's loops; {@code ADD} of a row
     * ({@code [1 x n]}, or any shape whose only dimension above 1 is the last) to a tensor of
     * {@code out}'s shape: 0.1's {@code addRowVector}; everything else the broadcasting loop.
     */
    @Override
    public void binary(Binary f, Tensor a, Tensor b, Tensor out) {
        int n = out.size();
        if (sameShape(a, out) && sameShape(b, out)) {
            if (out.dtype() == DType.FLOAT32 && FloatLoops.binary(f, floats(a), floats(b), floats(out), n)) {
                return;
            }
            if (out.dtype() == DType.FLOAT64 && DoubleLoops.binary(f, doubles(a), doubles(b), doubles(out), n)) {
                return;
            }
        } else if (f == Binary.ADD && out.dtype().isFloating() && sameShape(a, out) && isLastAxisRow(b, out)) {
            int cols = out.shape().dim(out.rank() - 1);
            if (isFloat(out)) {
                FloatLoops.addRowVector(floats(a), floats(b), n / cols, cols, floats(out));
            } else {
                DoubleLoops.addRowVector(doubles(a), doubles(b), n / cols, cols, doubles(out));
            }
            return;
        } else if (out.dtype().isFloating() && n > 0 && sameShape(a, out) && b.rank() == out.rank()) {
            // b repeated along every axis but the last (a bias, a scale), or along the last only (a
            // row's mean or norm, as layer norm has them): row loops instead of the strided one
            boolean row = isLastAxisRow(b, out);
            if (row || isPerRow(b, out)) {
                int cols = out.shape().dim(out.rank() - 1);
                int rows = n / cols;
                boolean done = isFloat(out) ? FloatLoops.binaryRows(f, floats(a), floats(b), floats(out), rows, cols, !row)
                        : DoubleLoops.binaryRows(f, doubles(a), doubles(b), doubles(out), rows, cols, !row);
                if (done) {
                    return;
                }
            }
        }
        ArrayElementwise.binary(f, a, b, out);
    }

    /** Whether {@code row} holds one value per position of {@code out}'s last axis and is repeated along every other. */
    private static boolean isLastAxisRow(Tensor row, Tensor out) {
        int r = out.rank();
        return r > 0 && row.size() == out.shape().dim(r - 1) && row.shape().dim(r - 1) == row.size();
    }

    /** Whether {@code col} has {@code out}'s shape with a last dimension of 1: one value per row of {@code out}. */
    private static boolean isPerRow(Tensor col, Tensor out) {
        int r = out.rank();
        if (col.rank() != r || r == 0 || col.shape().dim(r - 1) != 1) {
            return false;
        }
        for (int i = 0; i < r - 1; i++) {
            if (col.shape().dim(i) != out.shape().dim(i)) {
                return false;
            }
        }
        return true;
    }

    /** Shift 0: 0.1's {@code scale}; scale 1: its {@code addScalar}; otherwise one rounding of {@code scale·a + shift}. */
    @Override
    public void affine(Tensor a, double scale, double shift, Tensor out) {
        int n = out.size();
        if (isFloat(out)) {
            if (shift == 0) {
                FloatLoops.scale(floats(a), (float) scale, floats(out), n);
            } else if (scale == 1) {
                FloatLoops.addScalar(floats(a), (float) shift, floats(out), n);
            } else {
                FloatLoops.affine(floats(a), (float) scale, (float) shift, floats(out), n);
            }
        } else if (shift == 0) {
            DoubleLoops.scale(doubles(a), scale, doubles(out), n);
        } else if (scale == 1) {
            DoubleLoops.addScalar(doubles(a), shift, doubles(out), n);
        } else {
            DoubleLoops.affine(doubles(a), scale, shift, doubles(out), n);
        }
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        if (isFloat(x)) {
            FloatLoops.axpby((float) alpha, floats(x), (float) beta, floats(y), x.size());
        } else {
            DoubleLoops.axpby(alpha, doubles(x), beta, doubles(y), x.size());
        }
    }

    @Override
    public void clamp(Tensor a, double lo, double hi, Tensor out) {
        if (isFloat(a)) {
            FloatLoops.clamp(floats(a), (float) lo, (float) hi, floats(out), a.size());
        } else {
            DoubleLoops.clamp(doubles(a), lo, hi, doubles(out), a.size());
        }
    }

    @Override
    public void select(Tensor condition, Tensor a, Tensor b, Tensor out) {
        ArrayElementwise.select(condition, a, b, out);
    }

    // ---- reductions ----

    /** A FLOAT32 or FLOAT64 {@code [m x n]} summed into {@code [1 x n]}: 0.1's {@code sumRows}; everything else the general loop. */
    @Override
    public void reduce(Reduce f, Tensor a, Tensor out) {
        if (f == Reduce.SUM && a.rank() == 2 && out.shape().dim(0) == 1 && out.shape().dim(1) == a.shape().dim(1)) {
            if (isFloat(a)) {
                FloatLoops.sumRows(floats(a), a.rows(), a.cols(), floats(out));
            } else {
                DoubleLoops.sumRows(doubles(a), a.rows(), a.cols(), doubles(out));
            }
        } else {
            ArrayReduce.reduce(f, a, out);
        }
    }

    @Override
    public double sum(Tensor a) {
        return isFloat(a) ? FloatLoops.sum(floats(a), a.size()) : DoubleLoops.sum(doubles(a), a.size());
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        return isFloat(a) ? FloatLoops.dot(floats(a), floats(b), a.size())
                : DoubleLoops.dot(doubles(a), doubles(b), a.size());
    }

    // ---- movement ----

    /** A floating matrix transposed: 0.1's {@code transpose}; the identity: one copy; everything else the strided copy. */
    @Override
    public void permute(Tensor a, int[] perm, Tensor out) {
        if (a.rank() == 2 && perm[0] == 1 && a.dtype().isFloating()) {
            if (isFloat(a)) {
                FloatLoops.transpose(floats(a), a.rows(), a.cols(), floats(out));
            } else {
                DoubleLoops.transpose(doubles(a), a.rows(), a.cols(), doubles(out));
            }
        } else if (isIdentity(perm)) {
            System.arraycopy(array(a).array(), 0, array(out).array(), 0, a.size());
        } else {
            ArrayMovement.permute(a, perm, out);
        }
    }

    private static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void copyRegion(Tensor src, int[] srcStart, int[] srcStep, Tensor dst, int[] dstStart, int[] extent) {
        ArrayMovement.copyRegion(src, srcStart, srcStep, dst, dstStart, extent);
    }

    /** Checks every index before writing (see {@link ArrayMovement}). */
    @Override
    public void gather(Tensor data, int axis, Tensor indices, Tensor out) {
        ArrayMovement.gather(data, axis, indices, out);
    }

    /** Checks every index before adding (see {@link ArrayMovement}). */
    @Override
    public void scatterAdd(Tensor updates, int axis, Tensor indices, Tensor out) {
        ArrayMovement.scatterAdd(updates, axis, indices, out);
    }

    /** Any two dtypes: {@link System#arraycopy} for one dtype, else one loop of {@link ArrayCasts}. */
    @Override
    public void copy(Tensor src, Tensor dst) {
        ArrayCasts.copy(array(src).array(), 0, array(dst).array(), 0, src.size());
    }

    /** Any dtype; the integer dtypes take {@code (int) value} or {@code (long) value}. */
    @Override
    public void fill(Tensor t, double value) {
        switch (t.dtype()) {
            case FLOAT32 -> Arrays.fill(floats(t), 0, t.size(), (float) value);
            case FLOAT64 -> Arrays.fill(doubles(t), 0, t.size(), value);
            case INT32 -> Arrays.fill(array(t).ints(), 0, t.size(), (int) value);
            case INT64 -> Arrays.fill(array(t).longs(), 0, t.size(), (long) value);
        }
    }

    // ---- products ----

    /**
     * {@code c = alpha · op(a) · op(b) + beta · c} over the last two dimensions: a matrix is one
     * call of {@link #gemmFloat}/{@link #gemmDouble}; a batch is one call per matrix of
     * {@code c} on offsets (a broadcast operand's offset stays put; no per-thread state is held
     * across the calls, so an override may use any primitive), or a single call of
     * {@code batch·m} rows when {@code a} is a whole untransposed batch and {@code b} one matrix.
     */
    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        Shape cs = c.shape();
        int r = cs.rank();
        if (r == 2) {
            int k = transA ? a.rows() : a.cols();
            if (isFloat(c)) {
                gemmFloat(transA, transB, c.rows(), c.cols(), k, alpha, floats(a), 0, floats(b), 0, beta, floats(c), 0);
            } else {
                gemmDouble(transA, transB, c.rows(), c.cols(), k, alpha, doubles(a), 0, doubles(b), 0, beta,
                        doubles(c), 0);
            }
            return;
        }
        int m = cs.dim(r - 2);
        int n = cs.dim(r - 1);
        int k = a.shape().dim(transA ? r - 2 : r - 1);
        boolean single = isFloat(c);
        Object aa = array(a).array();
        Object ba = array(b).array();
        Object ca = array(c).array();
        int aSize = m * k;
        int bSize = k * n;
        int cSize = m * n;
        int batch = c.size() / cSize;
        if (!transA && b.size() == bSize && a.size() == batch * aSize) {
            product(single, transA, transB, batch * m, n, k, alpha, aa, 0, ba, 0, beta, ca, 0);
            return;
        }
        Shape as = a.shape();
        Shape bs = b.shape();
        for (int index = 0; index < batch; index++) {
            int aOffset = 0;
            int bOffset = 0;
            for (int d = r - 3, rest = index; d >= 0; d--) {
                int i = rest % cs.dim(d);
                rest /= cs.dim(d);
                aOffset += as.dim(d) == 1 ? 0 : i * aSize * batchStride(as, d);
                bOffset += bs.dim(d) == 1 ? 0 : i * bSize * batchStride(bs, d);
            }
            product(single, transA, transB, m, n, k, alpha, aa, aOffset, ba, bOffset, beta, ca, index * cSize);
        }
    }

    /** Matrices between batch dimension {@code d} and the next: the product of the batch dimensions after {@code d}. */
    private static int batchStride(Shape shape, int d) {
        int p = 1;
        for (int i = d + 1; i < shape.rank() - 2; i++) {
            p *= shape.dim(i);
        }
        return p;
    }

    private void product(boolean single, boolean transA, boolean transB, int m, int n, int k, double alpha, Object a,
                         int aOffset, Object b, int bOffset, double beta, Object c, int cOffset) {
        if (single) {
            gemmFloat(transA, transB, m, n, k, alpha, (float[]) a, aOffset, (float[]) b, bOffset, beta, (float[]) c,
                    cOffset);
        } else {
            gemmDouble(transA, transB, m, n, k, alpha, (double[]) a, aOffset, (double[]) b, bOffset, beta,
                    (double[]) c, cOffset);
        }
    }

    /**
     * One FLOAT32 product {@code c = alpha·op(a)·op(b) + beta·c} of row-major matrices starting
     * at the given offsets: op(a) {@code m x k} (stored {@code k x m} when transposed), op(b)
     * {@code k x n}, c {@code m x n}; with {@code beta == 0} c's old content is ignored, even NaN.
     * The reference loops of {@code ArrayGemm} here, cost {@code 2·m·n·k} flops; subclasses
     * override it to call a faster product.
     */
    protected void gemmFloat(boolean transA, boolean transB, int m, int n, int k, double alpha, float[] a, int aOffset,
                             float[] b, int bOffset, double beta, float[] c, int cOffset) {
        ArrayGemm.gemm(transA, transB, m, n, k, alpha, a, aOffset, b, bOffset, beta, c, cOffset);
    }

    /** As {@link #gemmFloat} for FLOAT64. */
    protected void gemmDouble(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
                              int aOffset, double[] b, int bOffset, double beta, double[] c, int cOffset) {
        ArrayGemm.gemm(transA, transB, m, n, k, alpha, a, aOffset, b, bOffset, beta, c, cOffset);
    }

    // ---- storage access for subclasses ----

    /** True when both tensors have equal shapes (the same instance, or equal dimensions). */
    protected static boolean sameShape(Tensor a, Tensor b) {
        return a.shape() == b.shape() || a.shape().equals(b.shape());
    }

    /** True when {@code t} is FLOAT32 (stored as {@code float[]}). */
    protected static boolean isFloat(Tensor t) {
        return t.dtype() == DType.FLOAT32;
    }

    /** The {@code float[]} storage of a FLOAT32 {@link ArrayTensor} (row-major, at least {@code t.size()} long). */
    protected static float[] floats(Tensor t) {
        return array(t).floats();
    }

    /** The {@code double[]} storage of a FLOAT64 {@link ArrayTensor} (row-major, at least {@code t.size()} long). */
    protected static double[] doubles(Tensor t) {
        return array(t).doubles();
    }

    /** {@code t} as an {@link ArrayTensor}; throws {@link IllegalArgumentException} for another tensor class. */
    protected static ArrayTensor array(Tensor t) {
        if (t instanceof ArrayTensor) {
            return (ArrayTensor) t;
        }
        throw new IllegalArgumentException("ArrayPrimitives: tensor " + t.shape() + " on backend " + t.backend().name()
                + " is a " + t.getClass().getName() + ", not an ArrayTensor");
    }
}
