package dev.nn4j.nd4j;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;
import java.util.Locale;

/**
 * The measurement behind {@link Nd4jBackend#HOST_BELOW_DEFAULT}: each kernel at growing sizes,
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
        System.out.printf(Locale.ROOT, "%-10s %6d elements: native %8.2f us, heap %8.2f us%n", what, size, nat / 1e3,
                heap / 1e3);
    }

    private static double time(Runnable r) {
        return Nd4jOverheadMeasurement.time(r);
    }
}
