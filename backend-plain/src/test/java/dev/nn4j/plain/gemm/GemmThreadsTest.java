package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The plain backend's thread count: {@code -Dnn4j.plain.threads}, then {@code NN4J_PLAIN_THREADS}, then the processors. */
class GemmThreadsTest {

    /** Entry point of the child JVM: prints the thread count the pool and the kernels' parts use. */
    public static void main(String[] args) {
        System.out.println(Sgemm.threads() + " " + PoolParallel.INSTANCE.threads());
    }

    @Test
    void thePropertyWinsOverTheEnvironmentWhichWinsOverTheProcessors() {
        assertEquals(3, GemmPool.threads("3", "5", 8));
        assertEquals(5, GemmPool.threads(null, "5", 8));
        assertEquals(8, GemmPool.threads(null, null, 8));
        assertEquals(2, GemmPool.threads(" 2 ", null, 8), "surrounding blanks are ignored");
    }

    @Test
    void aBadCountNamesTheSettingAndTheValue() {
        for (String bad : new String[] {"0", "-1", "two", "", "4097", "1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GemmPool.threads(bad, null, 8));
            assertEquals("system property nn4j.plain.threads must be a whole number of threads from 1 to 4096, got '"
                    + bad + "'", e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmPool.threads(null, "many", 8));
        assertTrue(e.getMessage().startsWith("environment variable NN4J_PLAIN_THREADS must be"), e.getMessage());
    }

    @Test
    void aJvmStartedWithThePropertyUsesThatManyThreads() throws IOException, InterruptedException {
        assertEquals("1 1", child("-Dnn4j.plain.threads=1"));
        assertEquals("3 3", child("-Dnn4j.plain.threads=3"));
    }

    private static String child(String property) throws IOException, InterruptedException {
        return ChildJvm.run(GemmThreadsTest.class, property);
    }
}
