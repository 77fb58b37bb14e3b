package dev.nn4j.plain.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pool's threads never keep a JVM or a class loader alive: they are daemon threads and end
 * when interrupted, as {@code mvn exec:java} and application containers do to the threads an
 * application left behind. Each case runs in a child JVM with two threads, so the pool exists on
 * any machine and its workers belong to the thread group the child's main creates.
 */
class GemmPoolLifecycleTest {

    /**
     * Entry point of the child JVM: a large product on two threads inside a thread group, then what
     * {@code exec:java} does after a main returns: interrupt every thread of the group and wait for
     * each (30 s at most). Prints the workers found, whether they were daemons, and how many
     * outlived the interrupt; then a second product to show the pool still works.
     */
    public static void main(String[] args) throws InterruptedException {
        ThreadGroup group = new ThreadGroup("application");
        float[][] result = new float[1][];
        Thread app = new Thread(group, () -> result[0] = product(), "application-main");
        app.start();
        app.join();
        Thread[] threads = new Thread[16];
        int n = group.enumerate(threads);
        int workers = 0;
        boolean daemons = true;
        for (int i = 0; i < n; i++) {
            workers += threads[i].getName().startsWith("nn4j-gemm-") ? 1 : 0;
            daemons &= threads[i].isDaemon();
            threads[i].interrupt();
        }
        int alive = 0;
        for (int i = 0; i < n; i++) {
            threads[i].join(30_000);
            alive += threads[i].isAlive() ? 1 : 0;
        }
        boolean same = Arrays.equals(result[0], product());
        System.out.println("workers " + workers + " daemon " + daemons + " alive " + alive + " same " + same);
    }

    private static float[] product() {
        int size = 256;
        Random random = new Random(7);
        float[] a = new float[size * size];
        float[] b = new float[size * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
            b[i] = random.nextFloat();
        }
        float[] c = new float[size * size];
        Sgemm.sgemm(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
        return c;
    }

    @Test
    void interruptedWorkersEndAndThePoolStartsNewOnesWhenNeeded() throws IOException, InterruptedException {
        String out = ChildJvm.run(GemmPoolLifecycleTest.class, "-Dnn4j.plain.threads=2");
        assertEquals("workers 1 daemon true alive 0 same true", out.lines().reduce((x, y) -> y).orElse(""), out);
    }
}
