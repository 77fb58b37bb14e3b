package dev.nn4j.eval;

import dev.nn4j.backend.Availability;
import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Kernels;
import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.lang.reflect.Proxy;

/**
 * A backend for metric tests: array tensors and the one kernel metrics call, argmaxRows
 * (a plain loop, first index on ties). Any other kernel throws, so a metric that starts
 * depending on more is noticed.
 */
final class ScoreBackend implements Backend {
    private final Kernels kernels = (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(),
            new Class<?>[] {Kernels.class}, (proxy, method, args) -> {
                if (method.getName().equals("argmaxRows")) {
                    argmaxRows((Tensor) args[0], (int[]) args[1]);
                    return null;
                }
                throw new UnsupportedOperationException("metric tests do not provide " + method.getName());
            });

    private static void argmaxRows(Tensor a, int[] out) {
        double[] v = a.toDoubleArray();
        int cols = a.cols();
        for (int r = 0; r < a.rows(); r++) {
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (v[r * cols + j] > v[r * cols + best]) {
                    best = j;
                }
            }
            out[r] = best;
        }
    }

    @Override
    public String name() {
        return "metric-test";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public String device() {
        return "Java arrays";
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public Tensor create(DType dtype, Shape shape) {
        return new ArrayTensor(this, dtype, shape);
    }
}
