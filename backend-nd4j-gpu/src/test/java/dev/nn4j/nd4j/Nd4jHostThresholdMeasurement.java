package dev.nn4j.nd4j;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Tensor;
import java.util.Locale;

/**
 * The measurement behind {@link Nd4jBackend#HOST_BELOW_DEFAULT} and the native paths of the
 * general primitives: each kernel at growing sizes,
 * once natively ({@code hostBelow = 0}) and once on the heap ({@code hostBelow = MAX}, operands
 * already current there), plus the cost of one heap/native copy. A short timing loop, not a
 * benchmark (no forks, ~0.5 s per case): run it with OMP_NUM_THREADS=1 under the benchmark lock,
 * {@code java -cp <test class path> dev.nn4j.nd4j.Nd4jHostThresholdMeasurement}.
 */
public final class Nd4jHostThresholdMeasurement {
    private static final Kernels NATIVE = new Nd4jBackend(0).kernels();
    private static final Kernels HEAP = new Nd4jBackend(Long.MAX_VALUE).kernels();
    private static final Nd4jBackend B = new Nd4jBackend(0);

    private Nd4jHostThresholdMeasurement() {
    }

    public static void main(String[] args) {
        System.out.println(B.device());
        for (int n : new int[] {16, 32, 48, 64}) {
            gemm(n, n, n);
        }
        gemm(128, 128, 10);
        gemm(128, 10, 128);
        for (int size : new int[] {64, 256, 1024, 4096, 16384, 65536}) {
            elementwise(size);
        }
        for (int size : new int[] {4096, 16384, 65536, 262144}) {
            primitives(size);
        }
    }

    /**
     * The general primitives on {@code size} elements: a broadcast add over a middle axis, sums
     * and a maximum over leading, trailing and outer axes, a permutation of the last two axes, a
     * region copy and a softmax along the first axis. (Gather and scatter always run on the heap.)
     */
    private static void primitives(int size) {
        int inner = size / 256;
        try (Tensor x = t(8, 32, inner); Tensor bias = t(1, 32, 1); Tensor z = t(8, 32, inner);
             Tensor sums = t(1, 32, 1); Tensor swapped = t(8, inner, 32);
             Tensor table = t(size / 64, 64); Tensor half = t(size / 128, 64)) {
            report("add [8,32,n]+[1,32,1]", size, time(() -> NATIVE.binary(Binary.ADD, x, bias, z)),
                    time(() -> HEAP.binary(Binary.ADD, x, bias, z)));
            report("sum to [1,32,1]", size, time(() -> NATIVE.reduce(Reduce.SUM, x, sums)),
                    time(() -> HEAP.reduce(Reduce.SUM, x, sums)));
            try (Tensor lead = t(1, 32, inner); Tensor trail = t(8, 32, 1)) {
                report("sum to [1,32,n]", size, time(() -> NATIVE.reduce(Reduce.SUM, x, lead)),
                        time(() -> HEAP.reduce(Reduce.SUM, x, lead)));
                report("sum to [8,32,1]", size, time(() -> NATIVE.reduce(Reduce.SUM, x, trail)),
                        time(() -> HEAP.reduce(Reduce.SUM, x, trail)));
                report("max to [1,32,n]", size, time(() -> NATIVE.reduce(Reduce.MAX, x, lead)),
                        time(() -> HEAP.reduce(Reduce.MAX, x, lead)));
            }
            int[] perm = {0, 2, 1};
            report("permute 0,2,1", size, time(() -> NATIVE.permute(x, perm, swapped)),
                    time(() -> HEAP.permute(x, perm, swapped)));
            int[] zero = {0, 0};
            int[] one = {1, 1};
            int[] extent = {size / 128, 64};
            report("copyRegion", size / 2, time(() -> NATIVE.copyRegion(table, zero, one, half, zero, extent)),
                    time(() -> HEAP.copyRegion(table, zero, one, half, zero, extent)));
            report("softmax axis 0", size, time(() -> NATIVE.softmax(x, 0, false, z)),
                    time(() -> HEAP.softmax(x, 0, false, z)));
        }
    }

    private static Tensor t(int... dims) {
        Tensor x = B.zeros(DType.FLOAT32, dims);
        float[] v = new float[x.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 17) * 0.1f - 0.8f;
        }
        x.setAll(v);
        return x;
    }

    private static void gemm(int m, int k, int n) {
        try (Tensor a = t(m, k); Tensor b = t(k, n); Tensor c = t(m, n)) {
            double nat = time(() -> NATIVE.gemm(false, false, 1, a, b, 0, c));
            double heap = time(() -> HEAP.gemm(false, false, 1, a, b, 0, c));
            System.out.printf(Locale.ROOT, "gemm %dx%dx%d (%d multiply-adds): native %8.2f us, heap %8.2f us%n", m, k, n,
                    (long) m * k * n, nat / 1e3, heap / 1e3);
        }
    }

    private static void elementwise(int size) {
        try (Tensor x = t(1, size); Tensor y = t(1, size); Tensor z = t(1, size)) {
            report("add", size, time(() -> NATIVE.binary(Binary.ADD, x, y, z)), time(() -> HEAP.binary(Binary.ADD, x, y, z)));
            for (Activation f : new Activation[] {Activation.RELU, Activation.SIGMOID, Activation.TANH, Activation.GELU}) {
                report(f.toString(), size, time(() -> NATIVE.activation(f, x, z)), time(() -> HEAP.activation(f, x, z)));
                report(f + "'", size, time(() -> NATIVE.activationBackward(f, x, y, x, z)),
                        time(() -> HEAP.activationBackward(f, x, y, x, z)));
            }
            try (Tensor rows = t(size / 10, 10); Tensor out = t(size / 10, 10)) {
                report("softmax", size, time(() -> NATIVE.activation(Activation.SOFTMAX, rows, out)),
                        time(() -> HEAP.activation(Activation.SOFTMAX, rows, out)));
                report("logsoftmax", size, time(() -> NATIVE.softmax(rows, 1, true, out)),
                        time(() -> HEAP.softmax(rows, 1, true, out)));
            }
            Nd4jStorage s = ((Nd4jTensor) z).storage();
            double copies = time(() -> {
                s.hostWritten();
                s.toNative();
            });
            System.out.printf(Locale.ROOT, "copy heap->native %d elements: %8.3f us%n", size, copies / 1e3);
        }
    }

    private static void report(String what, int size, double nat, double heap) {
        System.out.printf(Locale.ROOT, "%-22s %6d elements: native %8.2f us, heap %8.2f us%n", what, size, nat / 1e3,
                heap / 1e3);
    }

    private static double time(Runnable r) {
        return Nd4jOverheadMeasurement.time(r);
    }
}
