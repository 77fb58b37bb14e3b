package dev.nn4j.nd4j;

import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.ConvGeometry;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;

/**
 * The image and batch-normalisation kernels computed on the Java heap: operands are copied out
 * of native memory into arrays, core's reference {@link ArrayKernels} run, and the outputs are
 * copied back. Correct for every shape; each call allocates and copies its operands, so it
 * serves the kernels that have no native ND4J path. It copies through the tensors' public
 * element access instead of the heap mirror ({@link Nd4jStorage}) because it must also work on
 * CUDA, where the mirror is off and only ND4J's own copies see device memory.
 */
final class Nd4jHostImages {
    private static final ArrayKernels HOST = new ArrayKernels();

    private Nd4jHostImages() {
    }

    static void conv2d(Tensor x, Tensor w, Tensor bias, ConvGeometry g, Activation f, Tensor z, Tensor y) {
        ArrayTensor hz = host(z);
        ArrayTensor hy = y == z ? hz : host(y);
        HOST.conv2d(host(x), host(w), host(bias), g, f, hz, hy);
        back(hz, z);
        if (y != z) {
            back(hy, y);
        }
    }

    static void conv2dBackward(Tensor x, Tensor w, Tensor dz, ConvGeometry g, Tensor dw, Tensor db, Tensor dx) {
        ArrayTensor hdw = host(dw);
        ArrayTensor hdb = host(db);
        ArrayTensor hdx = host(dx);
        HOST.conv2dBackward(host(x), host(w), host(dz), g, hdw, hdb, hdx);
        back(hdw, dw);
        back(hdb, db);
        back(hdx, dx);
    }

    static void maxPool2d(Tensor x, ConvGeometry g, Tensor y) {
        ArrayTensor hy = host(y);
        HOST.maxPool2d(host(x), g, hy);
        back(hy, y);
    }

    static void maxPool2dBackward(Tensor x, Tensor dy, ConvGeometry g, Tensor dx) {
        ArrayTensor hdx = host(dx);
        HOST.maxPool2dBackward(host(x), host(dy), g, hdx);
        back(hdx, dx);
    }

    static void avgPool2d(Tensor x, ConvGeometry g, Tensor y) {
        ArrayTensor hy = host(y);
        HOST.avgPool2d(host(x), g, hy);
        back(hy, y);
    }

    static void avgPool2dBackward(Tensor dy, ConvGeometry g, Tensor dx) {
        ArrayTensor hdx = host(dx);
        HOST.avgPool2dBackward(host(dy), g, hdx);
        back(hdx, dx);
    }

    static void channelMeanVariance(Tensor x, int channels, Tensor mean, Tensor variance) {
        ArrayTensor hm = host(mean);
        ArrayTensor hv = host(variance);
        HOST.channelMeanVariance(host(x), channels, hm, hv);
        back(hm, mean);
        back(hv, variance);
    }

    static void batchNorm(Tensor x, int channels, Tensor mean, Tensor variance, double eps, Tensor gamma, Tensor beta,
                          Tensor y) {
        ArrayTensor hy = host(y);
        HOST.batchNorm(host(x), channels, host(mean), host(variance), eps, host(gamma), host(beta), hy);
        back(hy, y);
    }

    static void batchNormBackward(Tensor x, Tensor dy, int channels, Tensor mean, Tensor variance, double eps,
                                  Tensor gamma, Tensor dx, Tensor dgamma, Tensor dbeta) {
        ArrayTensor hdx = host(dx);
        ArrayTensor hdg = host(dgamma);
        ArrayTensor hdb = host(dbeta);
        HOST.batchNormBackward(host(x), host(dy), channels, host(mean), host(variance), eps, host(gamma), hdx, hdg, hdb);
        back(hdx, dx);
        back(hdg, dgamma);
        back(hdb, dbeta);
    }

    /** A heap copy of {@code t}; null for null. */
    private static ArrayTensor host(Tensor t) {
        if (t == null) {
            return null;
        }
        ArrayTensor h = new ArrayTensor(t.backend(), t.dtype(), t.shape());
        if (t.dtype() == DType.FLOAT32) {
            h.setAll(t.toFloatArray());
        } else {
            h.setAll(t.toDoubleArray());
        }
        return h;
    }

    private static void back(ArrayTensor h, Tensor t) {
        if (t == null) {
            return;
        }
        if (h.isFloat()) {
            t.setAll(h.floats());
        } else {
            t.setAll(h.doubles());
        }
    }
}
