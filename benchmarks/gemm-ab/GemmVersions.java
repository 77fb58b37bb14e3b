import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two builds of plain's gemm in one JVM, each in its own class loader, timed in alternation: every
 * round runs A then B (B then A in odd rounds) on the same shape, so a slow phase of a shared host
 * slows both alike, and the ratio B/A of each round is what is reported (median and quartiles).
 * Usage: {@code java GemmVersions CLASSES_A CLASSES_B CORE_CLASSES THREADS ROUNDS SHAPE...}.
 *
 * <p>Read the quartiles as well as the median: with two builds' kernels compiled in one JVM, a
 * shape sometimes runs several times slower in some rounds than in others (quartiles such as
 * 0.4..1.2 where they are usually within 0.1 of the median); such a result says nothing, and the
 * shape is better compared in separate JVMs ({@code GemmTiming} in plain's tests).
 */
public final class GemmVersions {
    private GemmVersions() {
    }

    public static void main(String[] args) throws Exception {
        Method[] run = new Method[2];
        for (int v = 0; v < 2; v++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[v]).toUri().toURL(),
                Path.of(args[2]).toUri().toURL()}, GemmVersions.class.getClassLoader().getParent());
            run[v] = loader.loadClass("dev.nn4j.plain.gemm.Probe").getMethod("run", String.class, int.class, int.class);
        }
        int threads = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        for (int s = 5; s < args.length; s++) {
            String spec = args[s];
            String[] d = spec.replaceAll("^[TU]", "").split("x");
            double flops = 2.0 * Long.parseLong(d[0]) * Long.parseLong(d[1]) * Long.parseLong(d[2]);
            int reps = (int) Math.max(1, 1e8 / flops);
            double[][] g = new double[2][rounds];
            double[] ratio = new double[rounds];
            for (int round = -8; round < rounds; round++) {   // 8 warm-up rounds
                for (int i = 0; i < 2; i++) {
                    int v = (round & 1) == 0 ? i : 1 - i;
                    double x = (double) run[v].invoke(null, spec, threads, reps);
                    if (round >= 0) {
                        g[v][round] = x;
                    }
                }
                if (round >= 0) {
                    ratio[round] = g[1][round] / g[0][round];
                }
            }
            for (double[] x : g) {
                Arrays.sort(x);
            }
            Arrays.sort(ratio);
            System.out.printf("%-16s threads %d: A median %6.1f (max %6.1f), B median %6.1f (max %6.1f) GFLOP/s;"
                    + " B/A median %.3f, quartiles %.3f..%.3f%n", spec, threads, g[0][rounds / 2], g[0][rounds - 1],
                    g[1][rounds / 2], g[1][rounds - 1], ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
        }
    }
}
