package dev.nn4j.benchmarks;

/** The four XOR samples, cycled through one at a time by the single-sample benchmarks. */
final class XorData {
    /** Inputs, one row per sample. */
    static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** Targets, one row per sample. */
    static final double[][] TARGETS = {{0}, {1}, {1}, {0}};
    /** Learning rate of the 2-4-1 network, the same for nn4j and DL4J. */
    static final double LEARNING_RATE = 0.1;

    private XorData() {
    }

    /** Sample {@code i} as floats. */
    static float[] input(int i) {
        return toFloat(INPUTS[i]);
    }

    /** Target {@code i} as floats. */
    static float[] target(int i) {
        return toFloat(TARGETS[i]);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
