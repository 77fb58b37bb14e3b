package dev.nn4j.plain;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the two FLOAT32 element-wise kernels whose results feed optimizer
 * state ({@code mul} for g², {@code axpby} for the moment updates). Like core's loops they
 * flush subnormal results to zero, but with a vector compare-and-blend instead of a scalar
 * branch, so they keep SIMD speed. Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorLoops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorLoops() {
    }

    static void mul(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector r = FloatVector.fromArray(S, a, i).mul(FloatVector.fromArray(S, b, i));
            flush(r).intoArray(out, i);
        }
        for (; i < n; i++) {
            float r = a[i] * b[i];
            out[i] = Math.abs(r) < Float.MIN_NORMAL ? 0f : r;
        }
    }

    static void axpby(float alpha, float[] x, float beta, float[] y, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector r = FloatVector.fromArray(S, x, i).mul(alpha)
                    .add(FloatVector.fromArray(S, y, i).mul(beta));
            flush(r).intoArray(y, i);
        }
        for (; i < n; i++) {
            float r = alpha * x[i] + beta * y[i];
            y[i] = Math.abs(r) < Float.MIN_NORMAL ? 0f : r;
        }
    }

    private static FloatVector flush(FloatVector r) {
        return r.blend(0f, r.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
    }
}
