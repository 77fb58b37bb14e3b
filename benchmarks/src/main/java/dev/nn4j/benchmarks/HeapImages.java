package dev.nn4j.benchmarks;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.tensor.Tensor;

/**
 * The path the nd4j backend had before its native image kernels, for comparison: each operand
 * is copied from native memory into a heap {@link ArrayTensor}, core's reference
 * {@link ArrayKernels} run, and the outputs are copied back.
 */
final class HeapImages {
    static final ArrayKernels KERNELS = new ArrayKernels();

    private HeapImages() {
    }

    /** A heap copy of {@code t}. */
    static ArrayTensor host(Tensor t) {
        ArrayTensor h = new ArrayTensor(t.backend(), t.dtype(), t.shape());
        h.setAll(t.toFloatArray());
        return h;
    }

    /** Copies {@code h} back into {@code t}. */
    static void back(ArrayTensor h, Tensor t) {
        t.setAll(h.floats());
    }
}
