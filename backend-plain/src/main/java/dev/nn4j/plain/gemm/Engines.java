package dev.nn4j.plain.gemm;

/**
 * Chooses the gemm engine once per JVM: the Vector API engine when the
 * {@code jdk.incubator.vector} module is in the boot layer and loads, the scalar engine
 * otherwise. The system property {@code nn4j.gemm.engine} ({@code vector} or {@code scalar})
 * overrides the choice, for measuring the fallback; asking for {@code vector} without the
 * module fails with an exception that says so.
 */
final class Engines {
    /** The system property that forces an engine. */
    static final String PROPERTY = "nn4j.gemm.engine";

    private Engines() {
    }

    /** Whether the Vector API engine can run in this JVM. */
    static boolean vectorAvailable() {
        try {
            return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                    && VectorGemm.L > 0;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** The engine named by {@link #PROPERTY}, or the best available one when it is unset. */
    static GemmEngine select() {
        String forced = System.getProperty(PROPERTY, "");
        switch (forced) {
            case "":
                return vectorAvailable() ? VectorGemm.forThisCpu() : new ScalarGemm();
            case "scalar":
                return new ScalarGemm();
            case "vector":
                if (!vectorAvailable()) {
                    throw new IllegalStateException(PROPERTY + "=vector, but module jdk.incubator.vector"
                            + " is not present: run java with --add-modules jdk.incubator.vector");
                }
                return VectorGemm.forThisCpu();
            default:
                throw new IllegalStateException(PROPERTY + " must be 'vector' or 'scalar', was '" + forced + "'");
        }
    }
}
