package dev.nn4j.benchmarks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reference line: {@code Nd4j.gemm} into a preallocated C, with no nn4j code in between. */
final class RawNd4jGemm implements GemmCall {
    private final GemmShape shape;
    private final INDArray a;
    private final INDArray b;
    private final INDArray c;

    RawNd4jGemm(GemmShape shape, float[] aData, float[] bData) {
        this.shape = shape;
        this.a = Nd4j.create(aData, new long[] {shape.aRows(), shape.aCols()}, 'c');
        this.b = Nd4j.create(bData, new long[] {shape.bRows(), shape.bCols()}, 'c');
        this.c = Nd4j.create(DataType.FLOAT, new long[] {shape.m(), shape.n()}, 'c');
    }

    @Override
    public void run() {
        Nd4j.gemm(a, b, c, shape.transA(), shape.transB(), 1.0, 0.0);
    }

    @Override
    public float[] result() {
        return c.data().asFloat();
    }

    @Override
    public void close() {
        a.close();
        b.close();
        c.close();
    }
}
