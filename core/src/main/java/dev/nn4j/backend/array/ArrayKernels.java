package dev.nn4j.backend.array;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;

/**
 * The reference {@link Kernels} for {@link ArrayTensor} operands: the {@link ArrayPrimitives}
 * and the fused kernels as Java loops over {@code float[]} (FLOAT32) and {@code double[]}
 * (FLOAT64) that allocate nothing (a kernel split into parts takes a reusable part object),
 * single-threaded except where a subclass's {@link #parallel()} spreads the parts of the
 * FLOAT32 image, batch-norm and large activation kernels over threads (results do not change
 * with it).
 *
 * <p>Every array-backed backend reuses it: the plain backend by subclassing and overriding the
 * product ({@link #gemmFloat}, {@link #floatGemm()}), its threads ({@link #parallel()}) and a few
 * vectorised loops; EJML likewise. The loops live in {@code FloatLoops}, {@code DoubleLoops},
 * {@code ArrayGemm}, {@code ArrayActivations}, {@code ArraySoftmax}, {@code FloatConv},
 * {@code DoubleConv}, {@code ArrayPooling} and {@code ArrayBatchNorm}; this class only picks the
 * dtype and the split.
 *
 * <p>FLOAT32 loops are specialised per function because training runs in FLOAT32. FLOAT64
 * exists for gradient checks, so its activations evaluate the scalar definitions
 * ({@link Activation#apply}, {@link Activation#derivative}) element by element.
 *
 * <p>Stateless and thread-safe. Operands are assumed valid (see the {@link Kernels}
 * contract); a tensor that is not an {@link ArrayTensor} is rejected with an
 * {@link IllegalArgumentException}.
 */
public class ArrayKernels extends ArrayPrimitives implements Kernels {

    /** Creates the kernels; they hold no state, so one instance per backend is enough. */
    public ArrayKernels() {
    }

    /** One pass per element (split into parts when large); FLOAT32 arithmetic in float, FLOAT64 in double. */
    @Override
    public void adamUpdate(Tensor w, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize,
                           double vScale, double epsilon, Tensor scratch) {
        int size = w.size();
        if (isFloat(w)) {
            float[] ws = floats(w);
            float[] gs = floats(g);
            float[] ms = floats(m);
            float[] vs = floats(v);
            if (split(size)) {
                ArrayTasks.ADAM.take().set(this, ws, gs, ms, vs, beta1, beta2, stepSize, vScale, epsilon)
                        .runParts(parallel(), parallel().threads(), size);
            } else {
                adamRange(ws, gs, ms, vs, beta1, beta2, stepSize, vScale, epsilon, 0, size);
            }
        } else {
            DoubleLoops.adam(doubles(w), doubles(g), doubles(m), doubles(v), beta1, beta2, stepSize, vScale, epsilon,
                    size);
        }
    }

    /**
     * The FLOAT32 Adam update of {@link #adamUpdate} over the elements {@code [from, to)}, with
     * subnormal moments flushed to zero; subclasses may vectorise it.
     */
    protected void adamRange(float[] w, float[] g, float[] m, float[] v, double beta1, double beta2, double stepSize,
                             double vScale, double epsilon, int from, int to) {
        FloatLoops.adam(w, g, m, v, beta1, beta2, stepSize, vScale, epsilon, from, to);
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor out) {
        if (isFloat(x) && !f.isRowWise() && split(x.size())) {
            ArrayTasks.ACTIVATIONS.take().forward(f, floats(x), floats(out))
                    .runParts(parallel(), parallel().threads(), x.size());
        } else if (isFloat(x)) {
            ArrayActivations.forward(f, floats(x), floats(out), rowsOf(x), colsOf(x));
        } else {
            ArrayActivations.forward(f, doubles(x), doubles(out), rowsOf(x), colsOf(x));
        }
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        int rows = rowsOf(x);
        int cols = colsOf(x);
        if (isFloat(x) && !f.isRowWise() && split(x.size())) {
            ArrayTasks.ACTIVATIONS.take().backward(f, floats(x), floats(y), floats(dy), floats(dx))
                    .runParts(parallel(), parallel().threads(), x.size());
        } else if (isFloat(x)) {
            ArrayActivations.backward(f, floats(x), floats(y), floats(dy), floats(dx), rows, cols);
        } else {
            ArrayActivations.backward(f, doubles(x), doubles(y), doubles(dy), doubles(dx), rows, cols);
        }
    }

    /**
     * The last axis: 0.1's row loops ({@code logSoftmax}, the softmax activation) over
     * {@code size / n} rows of {@code n}; another axis: the same arithmetic along a strided axis
     * ({@code ArraySoftmax}).
     */
    @Override
    public void softmax(Tensor x, int axis, boolean log, Tensor y) {
        int n = x.shape().dim(axis);
        int after = Strides.stride(x.shape(), axis);
        int before = x.size() / (n * after);
        if (after == 1 && isFloat(x)) {
            if (log) {
                ArrayActivations.logSoftmax(floats(x), floats(y), before, n);
            } else {
                ArrayActivations.forward(Activation.SOFTMAX, floats(x), floats(y), before, n);
            }
        } else if (after == 1) {
            if (log) {
                ArrayActivations.logSoftmax(doubles(x), doubles(y), before, n);
            } else {
                ArrayActivations.forward(Activation.SOFTMAX, doubles(x), doubles(y), before, n);
            }
        } else if (isFloat(x)) {
            ArraySoftmax.along(floats(x), floats(y), before, n, after, log);
        } else {
            ArraySoftmax.along(doubles(x), doubles(y), before, n, after, log);
        }
    }

    /**
     * FLOAT32: one pass per row of z (add the bias, then the activation while the row is in
     * cache). FLOAT64: 0.1's {@code addRowVector} over all of z, then {@link #activation}.
     */
    @Override
    public void biasActivation(Tensor z, Tensor bias, Activation f, Tensor y) {
        if (isFloat(z)) {
            ArrayActivations.addBiasForward(f, floats(z), floats(bias), floats(y), z.rows(), z.cols());
        } else {
            DoubleLoops.addRowVector(doubles(z), doubles(bias), z.rows(), z.cols(), doubles(z));
            activation(f, z, y);
        }
    }

    /** The first column holding the row's maximum; a NaN element never wins unless it comes first. */
    @Override
    public void argmaxRows(Tensor a, int[] out) {
        if (isFloat(a)) {
            FloatLoops.argmaxRows(floats(a), a.rows(), a.cols(), out);
        } else {
            DoubleLoops.argmaxRows(doubles(a), a.rows(), a.cols(), out);
        }
    }

    /** Rows of a matrix; 1 for other ranks, which element-wise kernels treat as one flat row. */
    private static int rowsOf(Tensor t) {
        return t.rank() == 2 ? t.rows() : 1;
    }

    // ---- images and batch normalisation ----

    /**
     * The FLOAT32 product that convolutions run on ({@link FloatConv}: im2col, then this gemm).
     * The reference loops here; subclasses return their fast product.
     */
    protected FloatGemm floatGemm() {
        return FloatGemm.REFERENCE;
    }

    /**
     * Where the FLOAT32 image and batch-norm kernels run their parts ({@link ArrayParallel}):
     * the calling thread here; subclasses return their threads. Results do not depend on it.
     */
    protected ArrayParallel parallel() {
        return ArrayParallel.SERIAL;
    }

    /** Below this many values (about 40 µs of work) a kernel stays on the calling thread: handing a part over costs microseconds. */
    static final int PARALLEL_MIN_VALUES = 1 << 17;

    /** Whether a FLOAT32 kernel over {@code values} values is split into parts of {@link #parallel()}. */
    protected final boolean split(long values) {
        return values >= PARALLEL_MIN_VALUES && parallel().threads() > 1;
    }

    /** The first index of part {@code part} of {@code parts} near-equal parts of {@code [0, count)}. */
    protected static int from(int part, int parts, int count) {
        return (int) ((long) count * part / parts);
    }

    /** FLOAT32: im2col through {@link #floatGemm()}, bias and activation fused into the scatter; FLOAT64: the direct loops of the definition, then the activation. */
    @Override
    public void conv2d(Tensor x, Tensor w, Tensor bias, ConvGeometry g, Activation f, Tensor z, Tensor y) {
        int filters = w.shape().dim(0);
        if (isFloat(x)) {
            FloatConv.forward(floatGemm(), parallel(), floats(x), floats(w), bias == null ? null : floats(bias), g,
                    filters, f, floats(z), floats(y));
        } else {
            DoubleConv.forward(doubles(x), doubles(w), bias == null ? null : doubles(bias), g, filters, doubles(z));
            if (f != Activation.IDENTITY || y != z) {
                activation(f, z, y);
            }
        }
    }

    @Override
    public void conv2dBackward(Tensor x, Tensor w, Tensor dz, ConvGeometry g, Tensor dw, Tensor db, Tensor dx) {
        int filters = w.shape().dim(0);
        if (isFloat(x)) {
            FloatConv.backward(floatGemm(), parallel(), floats(x), floats(w), floats(dz), g, filters, floats(dw),
                    db == null ? null : floats(db), dx == null ? null : floats(dx));
        } else {
            DoubleConv.backward(doubles(x), doubles(w), doubles(dz), g, filters, doubles(dw),
                    db == null ? null : doubles(db), dx == null ? null : doubles(dx));
        }
    }

    @Override
    public void maxPool2d(Tensor x, ConvGeometry g, Tensor y) {
        if (isFloat(x)) {
            planes(ArrayTasks.Pool.Kind.MAX, g, floats(x), null, floats(y));
        } else {
            ArrayPooling.max(doubles(x), g, doubles(y));
        }
    }

    @Override
    public void maxPool2dBackward(Tensor x, Tensor dy, ConvGeometry g, Tensor dx) {
        if (isFloat(x)) {
            planes(ArrayTasks.Pool.Kind.MAX_BACKWARD, g, floats(x), floats(dy), floats(dx));
        } else {
            ArrayPooling.maxBackward(doubles(x), doubles(dy), g, doubles(dx));
        }
    }

    @Override
    public void avgPool2d(Tensor x, ConvGeometry g, Tensor y) {
        if (isFloat(x)) {
            planes(ArrayTasks.Pool.Kind.AVERAGE, g, floats(x), null, floats(y));
        } else {
            ArrayPooling.average(doubles(x), g, doubles(y));
        }
    }

    @Override
    public void avgPool2dBackward(Tensor dy, ConvGeometry g, Tensor dx) {
        if (isFloat(dy)) {
            planes(ArrayTasks.Pool.Kind.AVERAGE_BACKWARD, g, null, floats(dy), floats(dx));
        } else {
            ArrayPooling.averageBackward(doubles(dy), g, doubles(dx));
        }
    }

    @Override
    public void channelMeanVariance(Tensor x, int channels, Tensor mean, Tensor variance) {
        int n = x.shape().dim(0);
        int s = x.size() / (n * channels);
        if (isFloat(x)) {
            channels(ArrayTasks.NORM.take().statistics(floats(x), n, channels, s, floats(mean), floats(variance)),
                    channels, x.size());
        } else {
            ArrayBatchNorm.statistics(doubles(x), n, channels, s, doubles(mean), doubles(variance));
        }
    }

    @Override
    public void batchNorm(Tensor x, int channels, Tensor mean, Tensor variance, double eps, Tensor gamma, Tensor beta,
                          Tensor y) {
        int n = x.shape().dim(0);
        int s = x.size() / (n * channels);
        if (isFloat(x)) {
            channels(ArrayTasks.NORM.take().normalize(floats(x), n, channels, s, floats(mean), floats(variance), eps,
                    floats(gamma), floats(beta), floats(y)), channels, x.size());
        } else {
            ArrayBatchNorm.normalize(doubles(x), n, channels, s, doubles(mean), doubles(variance), eps,
                    doubles(gamma), doubles(beta), doubles(y));
        }
    }

    @Override
    public void batchNormBackward(Tensor x, Tensor dy, int channels, Tensor mean, Tensor variance, double eps,
                                  Tensor gamma, Tensor dx, Tensor dgamma, Tensor dbeta) {
        int n = x.shape().dim(0);
        int s = x.size() / (n * channels);
        if (isFloat(x)) {
            channels(ArrayTasks.NORM.take().backward(floats(x), floats(dy), n, channels, s, floats(mean),
                    floats(variance), eps, floats(gamma), floats(dx), floats(dgamma), floats(dbeta)), channels, x.size());
        } else {
            ArrayBatchNorm.backward(doubles(x), doubles(dy), n, channels, s, doubles(mean), doubles(variance), eps,
                    doubles(gamma), doubles(dx), doubles(dgamma), doubles(dbeta));
        }
    }

    /** Runs a FLOAT32 pooling kernel over every plane of {@code g}'s input, split into parts when large. */
    private void planes(ArrayTasks.Pool.Kind kind, ConvGeometry g, float[] x, float[] dy, float[] out) {
        int planes = g.batch() * g.channels();
        int parts = split((long) planes * g.height() * g.width()) ? Math.min(planes, parallel().threads()) : 1;
        ArrayTasks.POOL.take().set(kind, g, x, dy, out).runParts(parallel(), parts, planes);
    }

    /** Runs a FLOAT32 batch-norm kernel over {@code channels} channels of {@code values} values, split into parts when large. */
    private void channels(ArrayTasks.Norm task, int channels, long values) {
        task.runParts(parallel(), split(values) ? Math.min(channels, parallel().threads()) : 1, channels);
    }

    /** Columns of a matrix; the element count for other ranks. */
    private static int colsOf(Tensor t) {
        return t.rank() == 2 ? t.cols() : t.size();
    }
}
