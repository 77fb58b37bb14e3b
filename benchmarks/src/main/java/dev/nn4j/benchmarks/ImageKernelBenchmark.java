package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backends;
import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.ImageOps;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * The Fashion-MNIST CNN's other image kernels at batch 64, float32, into preallocated outputs,
 * on {@code plain}, {@code nd4j} (libnd4j's ops) and {@code nd4j-heap} (the nd4j backend's
 * former path: copies to the heap and core's reference kernels, {@link HeapImages}):
 * <ul>
 *   <li>{@code conv2dBackward}: dw, db and dx of conv3x3x64 SAME on 32x14x14;</li>
 *   <li>{@code maxPool2d}, {@code maxPool2dBackward}: 2x2 stride 2 on 32x28x28;</li>
 *   <li>{@code channelMeanVariance}, {@code batchNorm}, {@code batchNormBackward}: 32 channels of 28x28.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx3g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ImageKernelBenchmark {
    @Param({"plain", "nd4j", "nd4j-heap"})
    public String impl;

    @Param({"conv2dBackward", "maxPool2d", "maxPool2dBackward", "channelMeanVariance", "batchNorm",
            "batchNormBackward"})
    public String kernel;

    private final List<Tensor> tensors = new ArrayList<>();
    private Runnable call;

    @Setup(Level.Trial)
    public void setUp() {
        boolean heap = impl.equals("nd4j-heap");
        Backend backend = Backends.get(heap ? "nd4j" : impl);
        SplittableRandom rnd = new SplittableRandom(42);
        ArrayKernels k = HeapImages.KERNELS;
        int n = ConvShape.BATCH;
        switch (kernel) {
            case "conv2dBackward" -> {
                ConvShape s = ConvShape.parse("fashion2");
                ConvGeometry g = s.geometry();
                Tensor x = random(backend, rnd, g.inputShape());
                Tensor w = random(backend, rnd, Shape.of(s.filters(), g.channels(), 3, 3));
                Tensor dz = random(backend, rnd, g.outputShape(s.filters()));
                Tensor dw = random(backend, rnd, w.shape());
                Tensor db = random(backend, rnd, Shape.of(s.filters()));
                Tensor dx = random(backend, rnd, x.shape());
                call = heap ? () -> {
                    ArrayTensor hdw = HeapImages.host(dw);
                    ArrayTensor hdb = HeapImages.host(db);
                    ArrayTensor hdx = HeapImages.host(dx);
                    k.conv2dBackward(HeapImages.host(x), HeapImages.host(w), HeapImages.host(dz), g, hdw, hdb, hdx);
                    HeapImages.back(hdw, dw);
                    HeapImages.back(hdb, db);
                    HeapImages.back(hdx, dx);
                } : () -> ImageOps.conv2dBackward(x, w, dz, g, dw, db, dx);
            }
            case "maxPool2d", "maxPool2dBackward" -> {
                Tensor x = random(backend, rnd, Shape.of(n, 32, 28, 28));
                ConvGeometry g = ConvGeometry.of(x.shape(), 2, 2, 2, 2, new int[] {0, 0, 0, 0});
                Tensor y = random(backend, rnd, g.outputShape(32));
                Tensor dx = random(backend, rnd, x.shape());
                if (kernel.equals("maxPool2d")) {
                    call = heap ? () -> {
                        ArrayTensor hy = HeapImages.host(y);
                        k.maxPool2d(HeapImages.host(x), g, hy);
                        HeapImages.back(hy, y);
                    } : () -> ImageOps.maxPool2d(x, g, y);
                } else {
                    call = heap ? () -> {
                        ArrayTensor hdx = HeapImages.host(dx);
                        k.maxPool2dBackward(HeapImages.host(x), HeapImages.host(y), g, hdx);
                        HeapImages.back(hdx, dx);
                    } : () -> ImageOps.maxPool2dBackward(x, y, g, dx);
                }
            }
            default -> {
                Tensor x = random(backend, rnd, Shape.of(n, 32, 28, 28));
                Tensor dy = random(backend, rnd, x.shape());
                Tensor out = random(backend, rnd, x.shape());
                Tensor mean = random(backend, rnd, Shape.of(32));
                Tensor var = random(backend, rnd, Shape.of(32));
                Tensor gamma = random(backend, rnd, Shape.of(32));
                Tensor beta = random(backend, rnd, Shape.of(32));
                Tensor dgamma = random(backend, rnd, Shape.of(32));
                Tensor dbeta = random(backend, rnd, Shape.of(32));
                ImageOps.channelMeanVariance(x, 32, mean, var);
                call = switch (kernel) {
                    case "channelMeanVariance" -> heap ? () -> {
                        ArrayTensor hm = HeapImages.host(mean);
                        ArrayTensor hv = HeapImages.host(var);
                        k.channelMeanVariance(HeapImages.host(x), 32, hm, hv);
                        HeapImages.back(hm, mean);
                        HeapImages.back(hv, var);
                    } : () -> ImageOps.channelMeanVariance(x, 32, mean, var);
                    case "batchNorm" -> heap ? () -> {
                        ArrayTensor hy = HeapImages.host(out);
                        k.batchNorm(HeapImages.host(x), 32, HeapImages.host(mean), HeapImages.host(var), 1e-5,
                                HeapImages.host(gamma), HeapImages.host(beta), hy);
                        HeapImages.back(hy, out);
                    } : () -> ImageOps.batchNorm(x, 32, mean, var, 1e-5, gamma, beta, out);
                    case "batchNormBackward" -> heap ? () -> {
                        ArrayTensor hdx = HeapImages.host(out);
                        ArrayTensor hdg = HeapImages.host(dgamma);
                        ArrayTensor hdb = HeapImages.host(dbeta);
                        k.batchNormBackward(HeapImages.host(x), HeapImages.host(dy), 32, HeapImages.host(mean),
                                HeapImages.host(var), 1e-5, HeapImages.host(gamma), hdx, hdg, hdb);
                        HeapImages.back(hdx, out);
                        HeapImages.back(hdg, dgamma);
                        HeapImages.back(hdb, dbeta);
                    } : () -> ImageOps.batchNormBackward(x, dy, 32, mean, var, 1e-5, gamma, out, dgamma, dbeta);
                    default -> throw new IllegalArgumentException("kernel: unknown " + kernel);
                };
            }
        }
        call.run();
    }

    private Tensor random(Backend backend, SplittableRandom rnd, Shape shape) {
        Tensor t = backend.create(DType.FLOAT32, shape);
        float[] v = new float[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble(0.1, 1);
        }
        t.setAll(v);
        tensors.add(t);
        return t;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tensors.forEach(Tensor::close);
    }

    @Benchmark
    public void kernel() {
        call.run();
    }
}
