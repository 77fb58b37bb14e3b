package dev.nn4j.benchmarks;

import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.eval.Predictions;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.train.FitConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Long-run memory measurement (not a test): trains a 64-32-10 MLP for 100 epochs on 4,096
 * synthetic samples (batch 32, Adam; 12,800 steps) on one backend, evaluating loss and
 * predictions on the whole set after every epoch, and after each epoch records, after two
 * {@code System.gc()} calls, the Java heap in use, the native bytes in live ND4J buffers
 * (libnd4j's device counter; JavaCPP's {@code Pointer.totalBytes()} if larger) and the process RSS. Prints one line
 * per tenth epoch and the growth per epoch from epoch 10 (after warm-up) to 100, least squares.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * OMP_NUM_THREADS=1 java --add-modules jdk.incubator.vector -Xmx512m \
 *     -cp benchmarks/target/benchmarks.jar dev.nn4j.benchmarks.LongRunMemory plain|ejml|nd4j [epochs]
 * </pre>
 */
public final class LongRunMemory {
    private static final int SAMPLES = 4096;
    private static final int FEATURES = 64;
    private static final int CLASSES = 10;
    private static final int WARM_UP = 10;
    private static final double[][] PREDICT_ROWS = new double[256][FEATURES];

    private LongRunMemory() {
    }

    /** {@code args[0]}: backend name; {@code args[1]}: epochs (default 100). */
    public static void main(String[] args) throws Exception {
        Backend backend = Backends.get(args.length > 0 ? args[0] : "plain");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Dataset data = data();
        Sequential model = Sequential.builder().input(FEATURES).dense(32, Activation.RELU)
                .dense(CLASSES, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .seed(1).backend(backend).build();
        FitConfig oneEpoch = FitConfig.builder().epochs(1).batchSize(32).build();
        List<double[]> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "backend %s (%s), %d epochs, %d steps each%n", backend.name(), backend.device(),
                epochs, SAMPLES / 32);
        System.out.println("epoch  heap MB  native MB  RSS MB  loss");
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.fit(data, oneEpoch);
            double loss = model.loss(data);
            Predictions.classes(model, data);
            model.predict(PREDICT_ROWS);
            double[] m = measure(backend.name().equals("nd4j"));
            rows.add(new double[] {epoch, m[0], m[1], m[2]});
            if (epoch == 1 || epoch % 10 == 0) {
                System.out.printf(Locale.ROOT, "%5d  %7.2f  %9.2f  %6.1f  %.4f%n", epoch, m[0], m[1], m[2], loss);
            }
        }
        List<double[]> after = rows.subList(Math.min(WARM_UP - 1, rows.size() - 1), rows.size());
        System.out.printf(Locale.ROOT, "growth per epoch from epoch %d to %d: heap %+.1f KB, native %+.1f KB, RSS %+.1f KB;"
                        + " max-min after warm-up: heap %.2f MB, native %.2f MB, RSS %.1f MB; %.0f s%n",
                WARM_UP, epochs, 1024 * slope(after, 1), 1024 * slope(after, 2), 1024 * slope(after, 3),
                range(after, 1), range(after, 2), range(after, 3), (System.nanoTime() - start) / 1e9);
        model.close();
    }

    private static Dataset data() {
        Random rnd = new Random(7);
        float[] x = new float[SAMPLES * FEATURES];
        int[] y = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            y[i] = rnd.nextInt(CLASSES);
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = (float) (rnd.nextGaussian() + (j % CLASSES == y[i] ? 1.5 : 0));
            }
        }
        return Dataset.classification(x, FEATURES, y, CLASSES);
    }

    /** Heap in use, JavaCPP native bytes and RSS, in MB, after garbage collection. */
    private static double[] measure(boolean nd4j) throws InterruptedException, IOException {
        System.gc();
        Thread.sleep(20);
        System.gc();
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        double nativeBytes = Math.max(nd4jBufferBytes(nd4j), org.bytedeco.javacpp.Pointer.totalBytes()) / 1048576.0;
        return new double[] {heap, nativeBytes, rss()};
    }

    /**
     * libnd4j's count of bytes in live ND4J buffers (its device counter, what the nd4j
     * backend's {@code device()} reports), or 0 when ND4J is not loaded.
     */
    private static long nd4jBufferBytes(boolean nd4j) {
        if (!nd4j) {
            return 0;                                 // do not load ND4J into a plain or EJML measurement
        }
        try {
            Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment", false,
                    LongRunMemory.class.getClassLoader());
            Object instance = env.getMethod("getInstance").invoke(null);
            return (Long) env.getMethod("getDeviceCounter", int.class).invoke(instance, 0);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // ND4J absent or not started
        }
        return 0;
    }

    private static double rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** Least-squares slope of column {@code c} against the epoch (column 0). */
    private static double slope(List<double[]> rows, int c) {
        double n = rows.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] r : rows) {
            sx += r[0];
            sy += r[c];
            sxx += r[0] * r[0];
            sxy += r[0] * r[c];
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }

    private static double range(List<double[]> rows, int c) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] r : rows) {
            lo = Math.min(lo, r[c]);
            hi = Math.max(hi, r[c]);
        }
        return hi - lo;
    }
}
