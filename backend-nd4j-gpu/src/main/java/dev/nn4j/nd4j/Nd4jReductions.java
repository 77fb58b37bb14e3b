package dev.nn4j.nd4j;

import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Shape;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMax;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMin;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Min;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;

/**
 * {@link Reduce} along axes as libnd4j's reductions, writing into the caller's output with its
 * size-1 dimensions kept: {@code Sum}, {@code Max}, {@code Min} (legacy reductions, whose op
 * objects {@link Nd4jScratch#reduce} caches per axes) and the custom {@code argmax} and
 * {@code argmin}. FLOAT and DOUBLE. libnd4j's {@code Max}, {@code Min}, {@code argmax} and
 * {@code argmin} skip a NaN unless it comes first, where nn4j's return (point at) it, so the
 * caller runs those natively only on data without NaN ({@link Nd4jScratch#mayHoldNaN}).
 * libnd4j's {@code Sum} of FLOAT data accumulates in float, not double as the heap path does:
 * the results differ by float rounding.
 */
final class Nd4jReductions {
    private Nd4jReductions() {
    }

    /** The axes along which {@code a} reduces to {@code out}: where {@code out} has 1 and {@code a} does not. */
    static int[] reducedAxes(Shape a, Shape out) {
        int n = 0;
        for (int i = 0; i < a.rank(); i++) {
            if (reduced(a, out, i)) {
                n++;
            }
        }
        int[] axes = new int[n];
        n = 0;
        for (int i = 0; i < a.rank(); i++) {
            if (reduced(a, out, i)) {
                axes[n++] = i;
            }
        }
        return axes;
    }

    /** True when axis {@code i} is reduced: {@code out} has 1 there and {@code a} does not. */
    static boolean reduced(Shape a, Shape out, int i) {
        return out.dim(i) == 1 && a.dim(i) != 1;
    }

    /** How the reduced axes lie among the others (axes of size 1 ignored): all before the kept ones. */
    static final int LEADING = 1;
    /** All after the kept ones. */
    static final int TRAILING = 2;
    /** Interleaved with them. */
    static final int MIXED = 0;

    /**
     * {@link #LEADING} when every reduced axis of {@code a} comes before every kept one (or none is
     * kept), {@link #TRAILING} when every reduced axis comes after every kept one, else {@link #MIXED};
     * axes where {@code a} has size 1 do not count.
     */
    static int layout(Shape a, Shape out) {
        boolean keptSeen = false;
        boolean reducedAfterKept = false;
        boolean keptAfterReduced = false;
        boolean reducedSeen = false;
        for (int i = 0; i < a.rank(); i++) {
            if (a.dim(i) == 1) {
                continue;
            }
            if (out.dim(i) == 1) {
                reducedAfterKept |= keptSeen;
                reducedSeen = true;
            } else {
                keptAfterReduced |= reducedSeen;
                keptSeen = true;
            }
        }
        if (!reducedAfterKept) {
            return LEADING;
        }
        return keptAfterReduced ? MIXED : TRAILING;
    }

    /**
     * Sums of {@code x} whose reduced axes are {@link #LEADING} ({@code z = ones[1 x R] · x[R x K]})
     * or {@link #TRAILING} ({@code z = x[K x R] · ones[R x 1]}), as one gemm with a scratch row or
     * column of ones, as nn4j 0.1 summed a matrix's columns; {@code reduced} is R, the product of
     * the reduced dimensions.
     */
    static void sumByGemm(Nd4jScratch s, INDArray x, long reduced, boolean leading, INDArray z) {
        long kept = x.length() / reduced;
        if (leading) {
            INDArray a = x.rank() == 2 && x.size(0) == reduced ? x : x.reshape('c', reduced, kept);
            INDArray c = z.rank() == 2 && z.size(0) == 1 ? z : z.reshape('c', 1, kept);
            s.gemm(false, false, 1.0, s.constant("ones", 1.0, x.dataType(), 1, reduced), a, 0.0, c);
        } else {
            INDArray a = x.reshape('c', kept, reduced);
            INDArray c = z.reshape('c', kept, 1);
            s.gemm(false, false, 1.0, a, s.constant("ones", 1.0, x.dataType(), reduced, 1), 0.0, c);
        }
    }

    /**
     * {@code z = f(x)} along {@code axes} (at least one; exactly one for ARGMAX and ARGMIN), {@code z}
     * having {@code x}'s rank with 1 along the axes. MAX, MIN, ARGMAX and ARGMIN need NaN-free data.
     */
    static void reduce(Nd4jScratch s, Reduce f, INDArray x, int[] axes, INDArray z) {
        String name = f.name() + Arrays.toString(axes);
        switch (f) {
            case SUM -> s.reduce((p, q, r) -> new Sum(p, r, true, axes), name, x, null, z);
            case MAX -> s.reduce((p, q, r) -> new Max(p, r, true, axes), name, x, null, z);
            case MIN -> s.reduce((p, q, r) -> new Min(p, r, true, axes), name, x, null, z);
            case ARGMAX, ARGMIN -> {
                // libnd4j's index reductions want the output without the reduced axis: a view of z
                long[] dims = new long[z.rank() - 1];
                for (int i = 0, j = 0; i < z.rank(); i++) {
                    if (i != axes[0]) {
                        dims[j++] = z.size(i);
                    }
                }
                INDArray squeezed = z.reshape('c', dims);
                s.custom(f == Reduce.ARGMAX ? new ArgMax() : new ArgMin(), new INDArray[] {x}, squeezed,
                        new long[] {axes[0]});
            }
        }
    }
}
