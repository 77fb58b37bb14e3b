package dev.nn4j.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.backend.array.ArrayFunctions;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;
import org.junit.jupiter.api.Test;

/**
 * The FLOAT32 error function on the Vector API path ({@link VectorLoops#erf}, what the exact GELU
 * runs on plain) against the double-precision {@link ArrayFunctions#erf}, through the kernel, over
 * [-8, 8] with a scalar tail, and its special values. Runs again at every forced vector width.
 */
class VectorErfTest {
    private final Backend plain = Backends.get("plain");

    @Test
    void withinThreeTenMillionthsOfTheDoubleErfEverywhereAndSpecialValuesHold() {
        int n = 160_003;                                           // not a multiple of any vector length
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -8f + 16f * i / (n - 1);
        }
        x[0] = Float.NaN;
        x[1] = Float.POSITIVE_INFINITY;
        x[2] = Float.NEGATIVE_INFINITY;
        x[3] = 0f;
        try (Tensor in = plain.fromArray(x, n); Tensor out = Ops.like(in)) {
            plain.kernels().unary(Unary.ERF, in, out);
            float[] y = out.toFloatArray();
            assertTrue(Float.isNaN(y[0]));
            assertEquals(1f, y[1], 0);
            assertEquals(-1f, y[2], 0);
            assertEquals(0f, y[3], 0);
            double worst = 0;
            for (int i = 4; i < n; i++) {
                worst = Math.max(worst, Math.abs(y[i] - ArrayFunctions.erf(x[i])));
            }
            assertTrue(worst <= 3e-7, "worst absolute error " + worst);
            for (int i = n - 5; i < n; i++) {                      // the scalar tail agrees with the lanes' formula
                assertEquals(ArrayFunctions.erf(x[i]), y[i], 3e-7, "tail " + i);
            }
        }
    }
}
