package dev.nn4j.nd4j;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Primitives;
import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
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
 *   <li>{@link #affine} (0.1's scale and addScalar), {@link #axpby}, {@link #clamp} (libnd4j's
 *       {@code clipbyvalue}, which keeps NaN), {@link #fill}, {@link #copy}, {@link #sum},
 *       {@link #dot};</li>
 *   <li>{@link #reduce}: SUM (0.1's {@code [m x n] → [1 x n]} as gemm with ones, other axes
 *       libnd4j's {@code Sum}); MAX, MIN, ARGMAX, ARGMIN when the data holds no NaN;</li>
 *   <li>{@link #permute}, {@link #gather} (after checking the indices in Java; not a vector by
 *       indices of rank 2 or more, which crashed libnd4j), {@link #copyRegion}
 *       with positive steps, {@link #gemm} of any rank (one call when the batch dimensions agree,
 *       one per matrix when they broadcast);</li>
 * </ul>
 * on the heap always: {@link #select}, {@link #scatterAdd} (libnd4j's {@code scatter_add} took
 * 220 µs for 256 rows of 128 floats, and adds repeated indices from several threads at once
 * unless locked), {@code POW}, FLOAT {@code SIGN}, FLOAT64 {@code ERF}, {@code copyRegion}
 * with a negative step, rank-0 regions. The results of the two paths differ by float rounding
 * at most (FLOAT32 sums accumulate in float natively, in double on the heap).
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
                || !Nd4jElementwise.broadcastsExactly(a.shape().dims(), b.shape().dims(), out.shape().dims())) {
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

    /** Natively libnd4j's {@code clipbyvalue}, which leaves NaN as it is. */
    @Override
    public void clamp(Tensor a, double lo, double hi, Tensor out) {
        if (onHost(a.size())) {
            HOST.clamp(h(a), lo, hi, hw(out));
            return;
        }
        Nd4jScratch s = scratch();
        s.custom(s.op("clipbyvalue"), new INDArray[] {in(a)}, out(out), Nd4jScratch.NO_INTS, lo, hi);
    }

    /** Always on the heap: libnd4j's {@code select} takes a BOOL condition of the operands' shape only. */
    @Override
    public void select(Tensor condition, Tensor a, Tensor b, Tensor out) {
        HOST.select(h(condition), h(a), h(b), hw(out));
    }

    // ---- reductions ----

    @Override
    public void reduce(Reduce f, Tensor a, Tensor out) {
        if (onHost(a.size())) {
            HOST.reduce(f, h(a), hw(out));
            return;
        }
        int[] dims = a.shape().dims();
        int[] axes = Nd4jReductions.reducedAxes(dims, out.shape().dims());
        Nd4jScratch s = scratch();
        INDArray x = in(a);
        if (f != Reduce.SUM && s.mayHoldNaN(x)) {
            HOST.reduce(f, h(a), hw(out));
            return;
        }
        INDArray z = out(out);
        if (axes.length == 0) {
            if (f == Reduce.ARGMAX || f == Reduce.ARGMIN) {
                s.scalar(ScalarSet::new, "set", z, 0, z);
            } else {
                s.assign(x, z);
            }
        } else if (f == Reduce.SUM && dims.length == 2 && axes.length == 1 && axes[0] == 0) {
            // nn4j 0.1's sumRows: a row of ones times the matrix
            s.gemm(false, false, 1.0, s.constant("ones", 1.0, x.dataType(), 1, x.rows()), x, 0.0, z);
        } else {
            Nd4jReductions.reduce(s, f, x, axes, z);
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

    /** Natively a strided view, a view and {@code assign} when every step is positive; else on the heap. */
    @Override
    public void copyRegion(Tensor src, int[] srcStart, int[] srcStep, Tensor dst, int[] dstStart, int[] extent) {
        long n = 1;
        for (int e : extent) {
            n *= e;
        }
        if (onHost(n) || !Nd4jMovement.nativeRegion(srcStep)) {
            HOST.copyRegion(h(src), srcStart, srcStep, hw(dst), dstStart, extent);
            return;
        }
        Nd4jMovement.copyRegion(in(src), srcStart, srcStep, out(dst), dstStart, extent);
    }

    /**
     * Natively libnd4j's {@code gather} once every index has been checked in Java on the indices'
     * heap mirror (indices are few; libnd4j would read out of bounds). A bad index sends the call
     * to the heap path, which throws the {@code OpException} before writing anything.
     */
    @Override
    public void gather(Tensor data, int axis, Tensor indices, Tensor out) {
        if (onHost(out.size()) || !Nd4jMovement.nativeGather(data.rank(), indices.rank())
                || !inRange(indices, data.shape().dim(axis))) {
            HOST.gather(h(data), axis, h(indices), hw(out));
            return;
        }
        Nd4jMovement.gather(scratch(), in(data), axis, in(indices), out(out));
    }

    /** True when every value of {@code indices} (INT32 or INT64) lies in {@code [0, bound)}. */
    private static boolean inRange(Tensor indices, int bound) {
        Tensor h = h(indices);
        int n = h.size();
        if (h.dtype() == DType.INT32) {
            int[] v = ((Nd4jHostTensor) h).ints();
            for (int i = 0; i < n; i++) {
                if (v[i] < 0 || v[i] >= bound) {
                    return false;
                }
            }
        } else {
            long[] v = ((Nd4jHostTensor) h).longs();
            for (int i = 0; i < n; i++) {
                if (v[i] < 0 || v[i] >= bound) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Always on the heap (see the class comment). */
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
