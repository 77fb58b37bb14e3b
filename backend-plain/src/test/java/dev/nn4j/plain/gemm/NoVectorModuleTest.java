package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link Sgemm} in a fresh JVM started without {@code --add-modules jdk.incubator.vector}:
 * it must pick the scalar engine instead of failing with {@link NoClassDefFoundError}, and warn
 * once, naming the flag, when a large product runs on it.
 */
class NoVectorModuleTest {

    /** Entry point of the child JVM: prints the engine name and one product. */
    public static void main(String[] args) {
        float[] a = new float[64 * 64];
        float[] b = new float[64 * 64];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 7;
            b[i] = i % 5 == 0 ? 1 : 0;
        }
        float[] c = new float[64 * 64];
        Sgemm.sgemm(false, false, 64, 64, 64, 1f, a, 0, 64, b, 0, 64, 0f, c, 0, 64);
        double sum = 0;
        for (float v : c) {
            sum += v;
        }
        System.out.println(Sgemm.engineName() + " " + sum);
        System.out.flush();
        for (int round = 0; round < 2; round++) {
            float[] big = new float[160 * 160];
            Sgemm.sgemm(false, false, 160, 160, 160, 1f, big, 0, 160, big, 0, 160, 0f, big.clone(), 0, 160);
        }
    }

    @Test
    void fallsBackToScalarWithoutTheModule() throws IOException, InterruptedException {
        String out = ChildJvm.run(NoVectorModuleTest.class);
        String[] lines = out.split("\\R");
        assertEquals("scalar 4x128 " + expectedSum(), lines[0], out);
        int warnings = 0;
        for (String line : lines) {
            if (line.contains("runs on the scalar engine because this JVM lacks the Vector API module")) {
                warnings++;
                assertTrue(line.contains("a 160x160 by 160x160 matrix product"), line);
                assertTrue(line.contains("--add-modules jdk.incubator.vector"), line);
            }
        }
        assertEquals(1, warnings, "logged once for two large products: " + out);
    }

    /** The same product by a naive loop. */
    private static double expectedSum() {
        double sum = 0;
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 64; j++) {
                for (int p = 0; p < 64; p++) {
                    sum += ((i * 64 + p) % 7) * ((p * 64 + j) % 5 == 0 ? 1 : 0);
                }
            }
        }
        return sum;
    }
}
