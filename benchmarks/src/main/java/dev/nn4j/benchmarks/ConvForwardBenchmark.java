package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backends;
import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.ImageOps;
import dev.nn4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One convolution forward pass with bias and ReLU at batch 64 (shapes in {@link ConvShape}),
 * float32, into preallocated outputs:
 * <ul>
 *   <li>{@code plain}, {@code ejml}, {@code nd4j}: {@code ImageOps.conv2d} on that backend (plain
 *       and EJML: im2col feeding their gemm; nd4j: libnd4j's {@code conv2d} op, then ReLU);</li>
 *   <li>{@code nd4j-heap}: the nd4j backend's former path, copies to the heap and core's
 *       reference kernels ({@link HeapImages});</li>
 *   <li>{@code raw-nd4j}: libnd4j's {@code conv2d} op alone (bias included, no ReLU) through one
 *       op context prepared once, no nn4j code;</li>
 *   <li>{@code raw-nd4j-im2col}: libnd4j's {@code im2col} op, then one ND4J gemm per image
 *       ({@code W [F x C·kh·kw] · cols}) into views of the output prepared once; no bias.</li>
 * </ul>
 * The first call is checked against {@code plain} in {@link #setUp()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx3g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConvForwardBenchmark {
    @Param({"plain", "ejml", "nd4j", "nd4j-heap", "raw-nd4j", "raw-nd4j-im2col"})
    public String impl;

    @Param({"fashion1", "fashion2", "lenet1", "lenet2"})
    public String shape;

    private Runnable call;
    private AutoCloseable resources;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ConvShape s = ConvShape.parse(shape);
        ConvGeometry g = s.geometry();
        SplittableRandom rnd = new SplittableRandom(42);
        float[] x = values(rnd, g.batch() * g.inputPlane());
        float[] w = values(rnd, s.filters() * g.patchSize());
        float[] b = values(rnd, s.filters());
        float[] expected = plainReference(s, x, w, b, !impl.startsWith("raw-nd4j-im2col"));
        float[] got = switch (impl) {
            case "plain", "ejml", "nd4j" -> nn4j(Backends.get(impl), s, x, w, b, false);
            case "nd4j-heap" -> nn4j(Backends.get("nd4j"), s, x, w, b, true);
            case "raw-nd4j" -> rawConv2d(s, x, w, b);
            case "raw-nd4j-im2col" -> rawIm2col(s, x, w);
            default -> throw new IllegalArgumentException("impl: unknown " + impl);
        };
        boolean relu = !impl.startsWith("raw-");
        for (int i = 0; i < expected.length; i++) {
            float e = relu ? Math.max(0, expected[i]) : expected[i];
            if (Math.abs(got[i] - e) > 1e-3 * Math.max(1, Math.abs(e))) {
                throw new IllegalStateException(impl + " " + shape + ": element " + i + " is " + got[i] + ", plain gives " + e);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        resources.close();
    }

    @Benchmark
    public void conv2d() {
        call.run();
    }

    private static float[] values(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextDouble(-1, 1);
        }
        return v;
    }

    /** z = conv(x, w) (+ bias) on plain, before any activation. */
    private static float[] plainReference(ConvShape s, float[] x, float[] w, float[] b, boolean bias) {
        Backend plain = Backends.get("plain");
        ConvGeometry g = s.geometry();
        Tensor tx = plain.fromArray(x, g.inputShape().dims());
        Tensor tw = plain.fromArray(w, s.filters(), g.channels(), g.kernelH(), g.kernelW());
        Tensor tb = plain.fromArray(b, s.filters());
        Tensor z = plain.create(DType.FLOAT32, g.outputShape(s.filters()));
        ImageOps.conv2d(tx, tw, bias ? tb : null, g, Activation.IDENTITY, z, z);
        return z.toFloatArray();
    }

    private float[] nn4j(Backend backend, ConvShape s, float[] x, float[] w, float[] b, boolean heap) {
        ConvGeometry g = s.geometry();
        Tensor tx = backend.fromArray(x, g.inputShape().dims());
        Tensor tw = backend.fromArray(w, s.filters(), g.channels(), g.kernelH(), g.kernelW());
        Tensor tb = backend.fromArray(b, s.filters());
        Tensor z = backend.create(DType.FLOAT32, g.outputShape(s.filters()));
        if (heap) {
            call = () -> {
                ArrayTensor hz = HeapImages.host(z);
                HeapImages.KERNELS.conv2d(HeapImages.host(tx), HeapImages.host(tw), HeapImages.host(tb), g,
                        Activation.RELU, hz, hz);
                HeapImages.back(hz, z);
            };
        } else {
            call = () -> ImageOps.conv2d(tx, tw, tb, g, Activation.RELU, z, z);
        }
        resources = () -> {
            tx.close();
            tw.close();
            tb.close();
            z.close();
        };
        call.run();
        return z.toFloatArray();
    }

    private float[] rawConv2d(ConvShape s, float[] x, float[] w, float[] b) {
        ConvGeometry g = s.geometry();
        INDArray ax = Nd4j.create(x, longs(g.inputShape().dims()), 'c');
        INDArray aw = Nd4j.create(w, new long[] {s.filters(), g.channels(), g.kernelH(), g.kernelW()}, 'c');
        INDArray ab = Nd4j.create(b, new long[] {s.filters()}, 'c');
        INDArray az = Nd4j.create(DataType.FLOAT, longs(g.outputShape(s.filters()).dims()), 'c');
        DynamicCustomOp op = DynamicCustomOp.builder("conv2d").build();
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        ctx.setInputArray(0, ax);
        ctx.setInputArray(1, aw);
        ctx.setInputArray(2, ab);
        ctx.setOutputArray(0, az);
        // kH, kW, sH, sW, pH, pW, dH, dW, same mode, NCHW (0), weights [oC, iC, kH, kW] (1)
        ctx.setIArguments(g.kernelH(), g.kernelW(), g.strideH(), g.strideW(), g.padTop(), g.padLeft(), 1, 1, 0, 0, 1);
        call = () -> Nd4j.getExecutioner().exec(op, ctx);
        resources = () -> {
            ctx.close();
            ax.close();
            aw.close();
            ab.close();
            az.close();
        };
        call.run();
        return az.data().asFloat();
    }

    private float[] rawIm2col(ConvShape s, float[] x, float[] w) {
        ConvGeometry g = s.geometry();
        int n = g.batch();
        INDArray ax = Nd4j.create(x, longs(g.inputShape().dims()), 'c');
        INDArray aw = Nd4j.create(w, new long[] {s.filters(), g.patchSize()}, 'c');
        INDArray cols = Nd4j.create(DataType.FLOAT, new long[] {n, g.channels(), g.kernelH(), g.kernelW(),
            g.outHeight(), g.outWidth()}, 'c');
        INDArray az = Nd4j.create(DataType.FLOAT, new long[] {n, s.filters(), g.outPixels()}, 'c');
        INDArray cols3 = cols.reshape('c', n, g.patchSize(), g.outPixels());
        INDArray[] colViews = new INDArray[n];
        INDArray[] outViews = new INDArray[n];
        for (int i = 0; i < n; i++) {
            colViews[i] = cols3.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all());
            outViews[i] = az.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all());
        }
        DynamicCustomOp op = DynamicCustomOp.builder("im2col").build();
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        ctx.setInputArray(0, ax);
        ctx.setOutputArray(0, cols);
        ctx.setIArguments(g.kernelH(), g.kernelW(), g.strideH(), g.strideW(), g.padTop(), g.padLeft(), 1, 1, 0);
        call = () -> {
            Nd4j.getExecutioner().exec(op, ctx);
            for (int i = 0; i < n; i++) {
                Nd4j.gemm(aw, colViews[i], outViews[i], false, false, 1.0, 0.0);
            }
        };
        resources = () -> {
            ctx.close();
            ax.close();
            aw.close();
            cols.close();
            az.close();
        };
        call.run();
        return az.dup('c').data().asFloat();
    }

    private static long[] longs(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return l;
    }
}
