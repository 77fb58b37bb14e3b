package dev.nn4j.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Movement of elements as ND4J ops, for every data type: {@code permute} (libnd4j's op into
 * the caller's output; a 2-D transpose keeps nn4j 0.1's {@code assign} of the transposed
 * view) and strided boxes as views and {@code assign}. Gather and scatter run on the heap
 * ({@link Nd4jPrimitives}).
 */
final class Nd4jMovement {
    private Nd4jMovement() {
    }

    /** True when {@code perm} maps every axis to itself. */
    static boolean identity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** {@code z = x} permuted: {@code z.size(i) == x.size(perm[i])}; {@code z} is not {@code x}. */
    static void permute(Nd4jScratch s, INDArray x, int[] perm, INDArray z) {
        if (identity(perm)) {
            s.assign(x, z);
        } else if (perm.length == 2) {
            z.assign(x.transpose());
        } else {
            long[] axes = new long[perm.length];
            for (int i = 0; i < perm.length; i++) {
                axes[i] = perm[i];
            }
            s.custom(s.op("permute"), new INDArray[] {x}, z, axes);
        }
    }

    /** True when {@code copyRegion} with these steps runs natively: rank at least 1 and every step positive. */
    static boolean nativeRegion(int[] srcStep) {
        if (srcStep.length == 0) {
            return false;
        }
        for (int step : srcStep) {
            if (step <= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code dst[dstStart + i] = src[srcStart + i·srcStep]} for every {@code i} below {@code extent}:
     * a strided view of {@code src}, a view of {@code dst}, and one {@code assign}; steps positive.
     */
    static void copyRegion(INDArray src, int[] srcStart, int[] srcStep, INDArray dst, int[] dstStart, int[] extent) {
        int rank = extent.length;
        INDArrayIndex[] from = new INDArrayIndex[rank];
        INDArrayIndex[] to = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            long first = srcStart[i];
            from[i] = NDArrayIndex.interval(first, srcStep[i], first + (long) (extent[i] - 1) * srcStep[i] + 1);
            to[i] = NDArrayIndex.interval(dstStart[i], dstStart[i] + extent[i]);
        }
        dst.get(to).assign(src.get(from));
    }
}
