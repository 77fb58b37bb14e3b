package dev.nn4j.plain.gemm;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logs once per JVM, through {@link System.Logger} (java.util.logging unless the application
 * routes it elsewhere), when a product of at least {@value #MIN_WORK} multiply-adds runs on the
 * scalar engine because the JVM lacks {@code --add-modules jdk.incubator.vector}: that engine
 * is about 1.5-5x slower on such products, and users rarely know the flag. Nothing is logged
 * when the scalar engine was forced with {@code -Dnn4j.gemm.engine=scalar}. Thread-safe.
 */
final class ScalarEngineWarning {
    /** Smallest {@code m * n * k} that triggers the warning: 128³, where threads start to be used. */
    static final long MIN_WORK = Sgemm.PARALLEL_MIN_WORK;

    private final AtomicBoolean logged = new AtomicBoolean();
    private final boolean active;

    /** Active only when {@code engine} is the scalar fallback and nobody asked for it. */
    ScalarEngineWarning(GemmEngine engine, String forcedEngine) {
        this.active = engine instanceof ScalarGemm && (forcedEngine == null || forcedEngine.isEmpty());
    }

    /** Logs the warning if this is the first large product on the unwanted scalar engine. */
    void check(int m, int n, int k) {
        if (active && (long) m * n * k >= MIN_WORK && !logged.getAndSet(true)) {
            System.getLogger(Sgemm.class.getName()).log(System.Logger.Level.WARNING, message(m, n, k));
        }
    }

    /** Whether the warning has been logged in this JVM. */
    boolean logged() {
        return logged.get();
    }

    static String message(int m, int n, int k) {
        return "nn4j plain backend: a " + m + "x" + k + " by " + k + "x" + n + " matrix product runs on the scalar"
                + " engine because this JVM lacks the Vector API module; start java with --add-modules"
                + " jdk.incubator.vector for the faster Vector API engine (Maven, Gradle and JDK_JAVA_OPTIONS snippets:"
                + " README, 'The fast matrix product'). Logged once.";
    }
}
