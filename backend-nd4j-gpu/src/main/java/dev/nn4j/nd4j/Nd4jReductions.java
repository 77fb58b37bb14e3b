package dev.nn4j.nd4j;

import dev.nn4j.tensor.Reduce;
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
    static int[] reducedAxes(int[] a, int[] out) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (out[i] == 1 && a[i] != 1) {
                n++;
            }
        }
        int[] axes = new int[n];
        n = 0;
        for (int i = 0; i < a.length; i++) {
            if (out[i] == 1 && a[i] != 1) {
                axes[n++] = i;
            }
        }
        return axes;
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
