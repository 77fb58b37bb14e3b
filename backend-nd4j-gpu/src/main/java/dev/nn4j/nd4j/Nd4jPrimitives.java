package dev.nn4j.nd4j;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Primitives;
import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSet;

/**
 * The {@link Primitives} of the ND4J backend: each call runs either natively, as ND4J ops writing
 * into the caller's arrays, or on the heap, as core's {@link ArrayKernels} on the operands' heap
 * mirrors ({@link Nd4jTensor#hostRead()}, {@link Nd4jTensor#hostWrite()}, {@link Nd4jStorage}).
 *
 * <p><b>Which path.</b> The heap path runs a call whose work is below {@code hostBelow}
 * ({@link Nd4jBackend#hostBelow()}: a native call costs microseconds whatever its size), and
 * every case that libnd4j does not compute as nn4j defines it. Natively:
 * <ul>
 *   <li>{@link #unary}, {@link #binary}: operands of the output's shape, or broadcast when the
 *       output is exactly the broadcast of the operands (libnd4j's own rule), for the functions
 *       {@link Nd4jElementwise} lists; FLOAT {@code MAX}/{@code MIN} only without NaN operands;
 *       nn4j 0.1's cases (same-shape arithmetic, a {@code [1 x n]} row over {@code [m x n]})
 *       take 0.1's ops;</li>
 *   <li>{@link #affine} (0.1's scale and addScalar), {@link #axpby}, {@link #clamp} (0.1's
 *       scalar ops, then NaN put back), {@link #fill}, {@link #copy}, {@link #sum},
 *       {@link #dot};</li>
 *   <li>{@link #reduce}: SUM over leading or trailing axes as one gemm with ones (0.1's
 *       {@code [m x n] → [1 x n]} among them), over other axes libnd4j's {@code Sum}; MAX, MIN,
 *       ARGMAX, ARGMIN when the data holds no NaN; libnd4j's reductions only from
 *       {@value #SLOW_NATIVE_FACTOR} times the threshold;</li>
 *   <li>{@link #permute}, {@link #copyRegion} with positive steps (from
 *       {@value #SLOW_NATIVE_FACTOR} times the threshold), {@link #gemm} of any rank (one
 *       call when the batch dimensions agree, one per matrix when they broadcast);</li>
 * </ul>
 * on the heap always: {@link #select} (libnd4j's wants a BOOL condition of the operands' shape),
 * {@link #gather} and {@link #scatterAdd} (libnd4j's are several times slower than the heap, see
 * each), {@code POW}, FLOAT {@code SIGN}, FLOAT64
 * {@code ERF}, {@code copyRegion} with a negative step or of rank 0. The results of the two
 * paths differ by float rounding at most (FLOAT32 sums accumulate in float natively, in double
 * on the heap).
 *
 * <p><b>Work</b> is multiply-adds for gemm ({@code batch·m·n·k}) and, for the rest, the elements
 * of the output (of the input for reductions) times the heap cost of one element ({@link #cost}).
 *
 * <p><b>Threads.</b> One instance serves every thread; each thread has its own
 * {@link Nd4jScratch} (reused arrays and op objects, bounded), so concurrent calls on distinct
 * tensors are safe.
 */
abstract class Nd4jPrimitives implements Primitives {
    /** core's array kernels: the heap path. */
    static final ArrayKernels HOST = new ArrayKernels();
    /**
     * Calls whose native form costs more per element than the heap's loops (libnd4j's reductions
     * along axes, ND4J's indexed views) run natively only from this many times the threshold.
     */
    static final int SLOW_NATIVE_FACTOR = 8;

    private final ThreadLocal<Nd4jScratch> scratch = ThreadLocal.withInitial(Nd4jScratch::new);
    private final long hostBelow;

    /** Primitives that run on the heap when their work is below {@code hostBelow} (0: never for that reason). */
    Nd4jPrimitives(long hostBelow) {
        this.hostBelow = hostBelow;
    }

    /** The threshold this instance was made with. */
    final long hostBelow() {
        return hostBelow;
    }

    /** True when {@code work} is below the threshold. */
    final boolean onHost(long work) {
        return work < hostBelow;
    }

    /**
     * Heap cost per element of {@code f} in multiply-adds, as {@link Nd4jKernels#cost} weighs the
     * activations: {@code exp}, {@code log}, sigmoid and {@code erf} 32, {@code tanh} 256, the rest 1.
     */
    static int cost(Unary f) {
        return switch (f) {
            case EXP, LOG, SIGMOID, ERF -> 32;
            case TANH -> 256;
            default -> 1;
        };
    }

    /** A native kernel's input. */
    static INDArray in(Tensor t) {
        return ((Nd4jTensor) t).nativeRead();
    }

    /** A native kernel's output (also when it is read, as gemm's C). */
    static INDArray out(Tensor t) {
        return ((Nd4jTensor) t).nativeWrite();
    }

    /** A heap kernel's input. */
    static Tensor h(Tensor t) {
        return t == null ? null : ((Nd4jTensor) t).hostRead();
    }

    /** A heap kernel's output (also when it is read). */
    static Tensor hw(Tensor t) {
        return t == null ? null : ((Nd4jTensor) t).hostWrite();
    }

    /** The calling thread's scratch. */
    final Nd4jScratch scratch() {
        return scratch.get();
    }

    /** Frees the calling thread's scratch arrays and op contexts now; later calls allocate afresh. */
    final void releaseScratch() {
        scratch.get().release();
        scratch.remove();
    }

    // ---- element-wise ----

    @Override
    public void unary(Unary f, Tensor a, Tensor out) {
        if (onHost((long) out.size() * cost(f)) || !a.shape().equals(out.shape())
                || !Nd4jElementwise.nativeUnary(f, out.dtype())) {
            HOST.unary(f, h(a), hw(out));
            return;
        }
        Nd4jElementwise.unary(scratch(), f, in(a), out(out));
    }

    @Override
    public void binary(Binary f, Tensor a, Tensor b, Tensor out) {
        if (onHost(out.size()) || !Nd4jElementwise.nativeBinary(f)
                || !Nd4jElementwise.broadcastsExactly(a.shape(), b.shape(), out.shape())) {
            HOST.binary(f, h(a), h(b), hw(out));
            return;
        }
        Nd4jScratch s = scratch();
        INDArray x = in(a);
        INDArray y = in(b);
        if ((f == Binary.MAX || f == Binary.MIN) && out.dtype().isFloating() && (s.mayHoldNaN(x) || s.mayHoldNaN(y))) {
            HOST.binary(f, h(a), h(b), hw(out));
            return;
        }
        Nd4jElementwise.binary(s, f, x, y, out(out));
    }

    /** Natively 0.1's scalar ops: one multiply when {@code shift} is 0, one add when {@code scale} is 1, else both. */
    @Override
    public void affine(Tensor a, double scale, double shift, Tensor out) {
        if (onHost(a.size())) {
            HOST.affine(h(a), scale, shift, hw(out));
            return;
        }
        Nd4jScratch s = scratch();
        INDArray x = in(a);
        INDArray z = out(out);
        if (shift == 0) {
            s.times(x, scale, z);
        } else if (scale == 1) {
            s.plus(x, shift, z);
        } else {
            s.times(x, scale, z);
            s.plus(z, shift, z);
        }
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        if (onHost(x.size())) {
            HOST.axpby(alpha, h(x), beta, hw(y));
            return;
        }
        Nd4jScratch s = scratch();
        if (x == y) {
            INDArray ya = out(y);
            s.times(ya, alpha + beta, ya);
            return;
        }
        INDArray xa = in(x);
        INDArray ya = out(y);
        if (beta != 1.0) {
            s.times(ya, beta, ya);
        }
        s.axpy(alpha, xa, ya);
    }

    /**
     * Natively 0.1's two scalar ops into a scratch array ({@code ScalarMax}, {@code ScalarMin},
     * which turn NaN into {@code lo}), then NaN put back where {@code a} has it
     * ({@link Nd4jElementwise#restoreNaN}): four element-wise ops. libnd4j's {@code clipbyvalue}
     * keeps NaN in one op but took 15 ms for 1.6 M floats, 30 times one scalar op.
     */
    @Override
    public void clamp(Tensor a, double lo, double hi, Tensor out) {
        if (onHost(a.size())) {
            HOST.clamp(h(a), lo, hi, hw(out));
            return;
        }
        Nd4jScratch s = scratch();
        INDArray x = in(a);
        INDArray z = out(out);
        INDArray t = s.like("clamp", x);
        s.scalar(ScalarMax::new, "max", x, lo, t);
        s.scalar(ScalarMin::new, "min", t, hi, t);
        // where x is NaN: minimum(t, x) is NaN and so is maximum(t, that); elsewhere t (z may be x)
        s.custom(s.op("minimum"), new INDArray[] {t, x}, z, Nd4jScratch.NO_INTS);
        s.custom(s.op("maximum"), new INDArray[] {t, z}, z, Nd4jScratch.NO_INTS);
    }

    /** Always on the heap: libnd4j's {@code select} takes a BOOL condition of the operands' shape only. */
    @Override
    public void select(Tensor condition, Tensor a, Tensor b, Tensor out) {
        HOST.select(h(condition), h(a), h(b), hw(out));
    }

    // ---- reductions ----

    /**
     * Natively: a sum whose reduced axes all come before the kept ones (nn4j 0.1's column sums of a
     * matrix among them) or all after is one gemm with a row or column of ones; other sums, and
     * MAX, MIN, ARGMAX, ARGMIN of NaN-free data, are libnd4j's reductions, which cost more per
     * element than the heap's loops: they run natively only from {@value #SLOW_NATIVE_FACTOR}
     * times the threshold (measured, summing {@code [8,32,n]} to {@code [1,32,1]}: 55-126 µs
     * natively against 81 µs on the heap for 65,536 elements, 178-188 against 317-319 for 262,144;
     * MAX to {@code [1,32,n]} 107 against 29 µs at 16,384, 344 against 472 at 262,144).
     */
    @Override
    public void reduce(Reduce f, Tensor a, Tensor out) {
        if (onHost(a.size())) {
            HOST.reduce(f, h(a), hw(out));
            return;
        }
        boolean none = a.size() == out.size();              // nothing reduced: a copy
        int layout = Nd4jReductions.layout(a.shape(), out.shape());
        boolean gemm = f == Reduce.SUM && !none && layout != Nd4jReductions.MIXED;
        if (!gemm && !none && onHost(a.size() / SLOW_NATIVE_FACTOR)) {
            HOST.reduce(f, h(a), hw(out));
            return;
        }
        Nd4jScratch s = scratch();
        INDArray x = in(a);
        if (f != Reduce.SUM && s.mayHoldNaN(x)) {
            HOST.reduce(f, h(a), hw(out));
            return;
        }
        INDArray z = out(out);
        if (none) {
            if (f == Reduce.ARGMAX || f == Reduce.ARGMIN) {
                s.scalar(ScalarSet::new, "set", z, 0, z);
            } else {
                s.assign(x, z);
            }
        } else if (gemm) {
            Nd4jReductions.sumByGemm(s, x, a.size() / out.size(), layout == Nd4jReductions.LEADING, z);
        } else {
            Nd4jReductions.reduce(s, f, x, Nd4jReductions.reducedAxes(a.shape(), out.shape()), z);
        }
    }

    /**
     * Accumulated in double. Natively without copying: FLOAT32 data is reduced as a dot product
     * with a scratch array of ones into a DOUBLE result (libnd4j accumulates in the result's type).
     */
    @Override
    public double sum(Tensor a) {
        if (onHost(a.size())) {
            return HOST.sum(h(a));
        }
        Nd4jScratch s = scratch();
        INDArray x = in(a);
        INDArray result = s.array("sum", DataType.DOUBLE);
        if (x.dataType() == DataType.DOUBLE) {
            s.reduce((p, q, z) -> new Sum(p, z), "sumAll", x, null, result);
        } else {
            INDArray ones = s.constant("ones", 1.0, x.dataType(), x.shape());
            s.reduce(Dot::new, "dot", x, ones, result);
        }
        return result.getDouble(0);
    }

    /** Accumulated in double; natively libnd4j's dot product into a DOUBLE result. */
    @Override
    public double dot(Tensor a, Tensor b) {
        if (onHost(a.size())) {
            return HOST.dot(h(a), h(b));
        }
        Nd4jScratch s = scratch();
        INDArray result = s.array("dot", DataType.DOUBLE);
        s.reduce(Dot::new, "dot", in(a), in(b), result);
        return result.getDouble(0);
    }

    // ---- movement ----

    @Override
    public void permute(Tensor a, int[] perm, Tensor out) {
        if (onHost(a.size())) {
            HOST.permute(h(a), perm, hw(out));
            return;
        }
        Nd4jMovement.permute(scratch(), in(a), perm, out(out));
    }

    /**
     * Natively a strided view, a view and {@code assign} when every step is positive, from
     * {@value #SLOW_NATIVE_FACTOR} times the threshold: ND4J's indexing costs ~16 µs per call
     * (27 µs natively for a region of 131,072 elements, 12 µs on the heap with its operands
     * current there, ~50 µs with both copied from and back to native memory). Else on the heap.
     */
    @Override
    public void copyRegion(Tensor src, int[] srcStart, int[] srcStep, Tensor dst, int[] dstStart, int[] extent) {
        long n = 1;
        for (int e : extent) {
            n *= e;
        }
        if (onHost(n / SLOW_NATIVE_FACTOR) || !Nd4jMovement.nativeRegion(srcStep)) {
            HOST.copyRegion(h(src), srcStart, srcStep, hw(dst), dstStart, extent);
            return;
        }
        Nd4jMovement.copyRegion(in(src), srcStart, srcStep, out(dst), dstStart, extent);
    }

    /**
     * Always on the heap: libnd4j's {@code gather} makes a sub-array per index and took 170 µs to
     * gather 2,048 rows of 64 floats where the heap took 23 µs, plus at most 40 µs of copies when
     * the table and the result are current in native memory.
     */
    @Override
    public void gather(Tensor data, int axis, Tensor indices, Tensor out) {
        HOST.gather(h(data), axis, h(indices), hw(out));
    }

    /**
     * Always on the heap: libnd4j's {@code scatter_add} took 220 µs for 256 rows of 128 floats
     * (a sub-array per index), and adds repeated indices from several threads at once unless locked.
     */
    @Override
    public void scatterAdd(Tensor updates, int axis, Tensor indices, Tensor out) {
        HOST.scatterAdd(h(updates), axis, h(indices), hw(out));
    }

    /**
     * One dtype: ND4J's {@code assign} natively. Between two dtypes: on the heap for small
     * tensors, else through a Java array of the source's type (allocated for the call), so the
     * elements are converted by Java's casts ({@link dev.nn4j.backend.array.ArrayCasts}) on every path.
     */
    @Override
    public void copy(Tensor src, Tensor dst) {
        if (onHost(src.size())) {
            HOST.copy(h(src), hw(dst));
            return;
        }
        if (src.dtype() != dst.dtype()) {
            switch (src.dtype()) {
                case FLOAT32 -> dst.setAll(src.toFloatArray());
                case FLOAT64 -> dst.setAll(src.toDoubleArray());
                case INT32 -> dst.setAll(src.toIntArray());
                case INT64 -> dst.setAll(src.toLongArray());
            }
            return;
        }
        INDArray x = in(src);
        INDArray z = out(dst);
        if (!src.shape().equals(dst.shape())) {
            x = x.reshape('c', z.shape());                   // a reshape's copy: one element count, row-major
        }
        z.assign(x);
    }

    /**
     * Any dtype; natively one {@code ScalarSet}, whose scalar of the tensor's type takes the value
     * with Java's cast ({@code (int) value}, {@code (long) value}) as the heap path does.
     */
    @Override
    public void fill(Tensor t, double value) {
        if (onHost(t.size())) {
            HOST.fill(hw(t), value);
            return;
        }
        INDArray z = out(t);
        scratch().scalar(ScalarSet::new, "set", z, value, z);
    }

    // ---- products ----

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        int r = a.rank();
        long k = a.shape().dim(transA ? r - 2 : r - 1);
        if (onHost(c.size() * k)) {                    // batch·m·n·k multiply-adds
            HOST.gemm(transA, transB, alpha, h(a), h(b), beta, hw(c));
            return;
        }
        Nd4jGemm.gemm(scratch(), transA, transB, alpha, in(a), in(b), beta, out(c));
    }
}
