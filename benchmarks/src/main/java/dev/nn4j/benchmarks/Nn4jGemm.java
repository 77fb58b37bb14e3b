package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;

/** The product through nn4j: {@code Ops.gemm} (validation, then the backend's kernel) into a preallocated C. */
final class Nn4jGemm implements GemmCall {
    private final GemmShape shape;
    private final Tensor a;
    private final Tensor b;
    private final Tensor c;

    Nn4jGemm(String backendName, GemmShape shape, float[] aData, float[] bData) {
        Backend backend = Backends.get(backendName);
        this.shape = shape;
        this.a = backend.fromArray(aData, shape.aRows(), shape.aCols());
        this.b = backend.fromArray(bData, shape.bRows(), shape.bCols());
        this.c = backend.zeros(shape.m(), shape.n());
    }

    @Override
    public void run() {
        Ops.gemm(shape.transA(), shape.transB(), 1.0, a, b, 0.0, c);
    }

    @Override
    public float[] result() {
        return c.toFloatArray();
    }

    @Override
    public void close() {
        a.close();
        b.close();
        c.close();
    }
}
