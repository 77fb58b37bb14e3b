package dev.nn4j.nd4j;

import dev.nn4j.backend.Kernels;
import dev.nn4j.backend.UnaryOp;
import dev.nn4j.nn.Activation;
import dev.nn4j.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMax;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Kernels} as ND4J ops that write into the caller's output arrays: gemm goes to BLAS
 * ({@code Nd4j.gemm} into the preallocated C), element-wise kernels are single ND4J ops with
 * an explicit output. Both FLOAT32 and FLOAT64.
 *
 * <p>A few kernels need scratch space that ND4J does not provide in place (row maxima and sums
 * for log-softmax and the softmax backward pass, the GELU, ELU and leaky-ReLU derivatives,
 * the double-precision copies for {@link #sum} and {@link #dot} of FLOAT32 data, the index
 * array of {@link #argmaxRows}); it is allocated for the call and closed before returning,
 * so no native memory outlives a call.
 *
 * <p>Every call is at least one JNI crossing (~2-20 us), whatever the size.
 */
final class Nd4jKernels implements Kernels {

    static INDArray arr(Tensor t) {
        return ((Nd4jTensor) t).array();
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        Nd4j.gemm(arr(a), arr(b), arr(c), transA, transB, alpha, beta);
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        arr(a).add(arr(b), arr(out));
    }

    @Override
    public void sub(Tensor a, Tensor b, Tensor out) {
        arr(a).sub(arr(b), arr(out));
    }

    @Override
    public void mul(Tensor a, Tensor b, Tensor out) {
        arr(a).mul(arr(b), arr(out));
    }

    @Override
    public void div(Tensor a, Tensor b, Tensor out) {
        arr(a).div(arr(b), arr(out));
    }

    @Override
    public void scale(Tensor a, double s, Tensor out) {
        arr(a).mul(s, arr(out));
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        arr(a).add(s, arr(out));
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        INDArray ya = arr(y);
        if (x == y) {
            ya.muli(alpha + beta);
            return;
        }
        if (beta != 1.0) {
            ya.muli(beta);
        }
        Nd4j.exec(new Axpy(arr(x), ya, ya, alpha, ya.length()));
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        INDArray x = arr(a);
        INDArray z = arr(out);
        switch (op) {
            case EXP -> Nd4j.exec(new Exp(x, z));
            case LOG -> Nd4j.exec(new Log(x, z));
            case SQRT -> Nd4j.exec(new Sqrt(x, z));
            case SQUARE -> Nd4j.exec(new Square(x, z));
            case ABS -> Nd4j.exec(new Abs(x, z));
            case NEG -> Nd4j.exec(new Negative(x, z));
            default -> throw new UnsupportedOperationException("nd4j unary: " + op + " is not implemented");
        }
    }

    @Override
    public void clamp(Tensor a, double lo, double hi, Tensor out) {
        INDArray z = arr(out);
        Nd4j.exec(new ScalarMax(arr(a), null, z, lo));
        Nd4j.exec(new ScalarMin(z, null, z, hi));
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor out) {
        Nd4jActivations.forward(f, arr(x), arr(out));
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Nd4jActivations.backward(f, arr(x), arr(y), arr(dy), arr(dx));
    }

    @Override
    public void logSoftmax(Tensor x, Tensor out) {
        Nd4jActivations.logSoftmax(arr(x), arr(out));
    }

    @Override
    public void transpose(Tensor a, Tensor out) {
        arr(out).assign(arr(a).transpose());
    }

    @Override
    public void sumRows(Tensor a, Tensor out) {
        Nd4j.exec(new Sum(arr(a), arr(out), 0));
    }

    @Override
    public void addRowVector(Tensor a, Tensor row, Tensor out) {
        Nd4j.exec(new AddOp(arr(a), arr(row), arr(out)));
    }

    @Override
    public void argmaxRows(Tensor a, int[] out) {
        INDArray x = arr(a);
        try (INDArray idx = Nd4j.create(DataType.LONG, x.rows())) {
            Nd4j.exec(new ArgMax(new INDArray[] {x}, new INDArray[] {idx}, false, 1));
            long[] v = idx.toLongVector();
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) v[i];
            }
        }
    }

    /** Accumulated in double: FLOAT32 data is first widened into a temporary DOUBLE copy. */
    @Override
    public double sum(Tensor a) {
        INDArray x = arr(a);
        if (x.dataType() == DataType.DOUBLE) {
            return sumAll(x);
        }
        try (INDArray d = x.castTo(DataType.DOUBLE)) {
            return sumAll(d);
        }
    }

    /** Accumulated in double: the products are formed in a temporary DOUBLE array. */
    @Override
    public double dot(Tensor a, Tensor b) {
        INDArray x = arr(a);
        INDArray y = arr(b);
        try (INDArray p = x.dataType() == DataType.DOUBLE ? x.dup() : x.castTo(DataType.DOUBLE)) {
            if (y.dataType() == DataType.DOUBLE) {
                p.muli(y);
            } else {
                try (INDArray q = y.castTo(DataType.DOUBLE)) {
                    p.muli(q);
                }
            }
            return sumAll(p);
        }
    }

    private static double sumAll(INDArray doubles) {
        try (INDArray s = Nd4j.scalar(DataType.DOUBLE, 0.0)) {
            Nd4j.exec(new Sum(doubles, s));
            return s.getDouble(0);
        }
    }

    @Override
    public void fill(Tensor t, double value) {
        arr(t).assign(value);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        arr(dst).assign(arr(src));
    }
}
