package dev.nn4j.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.backend.Backends;
import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FLOAT32 {@code mul} and {@code axpby} flush subnormal results to zero, on the Vector API
 * path (surefire runs with the module) and on core's scalar loops, so optimizer state never
 * holds subnormals: on x86 each instruction touching one costs ~100 cycles, which made
 * Adam's step 7x slower once tiny gradients had pushed its second moments below 1.2e-38.
 */
class SubnormalFlushTest {
    private final Backend plain = Backends.get("plain");

    private static boolean hasSubnormal(float[] values) {
        for (float v : values) {
            if (v != 0 && Math.abs(v) < Float.MIN_NORMAL) {
                return true;
            }
        }
        return false;
    }

    /** Long enough for the vector loops ({@link PlainKernels#VECTOR_MIN}), with a scalar tail of 5 after 512-bit vectors. */
    private static final int SIZE = PlainKernels.VECTOR_MIN + 37;

    private Tensor filled(float value) {
        float[] v = new float[SIZE];
        java.util.Arrays.fill(v, value);
        v[3] = 2f;
        return plain.fromArray(v, SIZE);
    }

    @Test
    void mulAndAxpbyFlushOnThePlainBackend() {
        Tensor tiny = filled(1e-20f);
        Tensor out = Ops.like(tiny);
        Ops.hadamard(tiny, tiny, out);
        float[] r = out.toFloatArray();
        assertEquals(0f, r[0]);
        assertEquals(0f, r[SIZE - 1]);
        assertEquals(4f, r[3], "normal results are untouched");

        Tensor y = filled(Float.MIN_NORMAL);
        Ops.axpby(0, tiny, 0.5, y);
        assertEquals(0f, y.toFloatArray()[0], "MIN_NORMAL / 2 is subnormal and becomes 0");
        assertEquals(0f, y.toFloatArray()[SIZE - 1], "in the scalar tail too");
        assertEquals(1f, y.toFloatArray()[3]);
    }

    @Test
    void coresScalarLoopsFlushToo() {
        ArrayKernels scalar = new ArrayKernels();
        Tensor tiny = filled(1e-20f);
        Tensor out = Ops.like(tiny);
        scalar.binary(Binary.MUL, tiny, tiny, out);
        assertTrue(!hasSubnormal(out.toFloatArray()));
        Tensor y = filled(Float.MIN_NORMAL);
        scalar.axpby(0, tiny, 0.5, y);
        assertTrue(!hasSubnormal(y.toFloatArray()));
    }

    @Test
    void adamStateStaysFreeOfSubnormals() {
        float[] ws = new float[SIZE];
        float[] gs = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            ws[i] = i + 1;
            gs[i] = i % 4 == 0 ? 1e-21f : i % 4 == 1 ? -3e-22f : i % 4 == 2 ? 1e-3f : 0;
        }
        Tensor w = plain.fromArray(ws, SIZE);
        Tensor g = plain.fromArray(gs, SIZE);
        Parameter p = new Parameter("w", w, g);
        Adam adam = new Adam(1e-3);
        for (int i = 0; i < 50; i++) {
            adam.step(List.of(p));
        }
        for (double[] state : adam.exportState(List.of(p)).values()) {
            float[] f = new float[state.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) state[i];
            }
            assertTrue(!hasSubnormal(f), java.util.Arrays.toString(state));
        }
        assertTrue(w.toFloatArray()[2] < 3f, "a normal gradient still moves its weight");
    }
}
