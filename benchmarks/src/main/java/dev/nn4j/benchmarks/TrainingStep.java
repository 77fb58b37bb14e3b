package dev.nn4j.benchmarks;

/**
 * One prepared training step of some network on some library: {@link #run()} does forward,
 * loss, backward and the optimizer update on data prepared beforehand, and returns the loss
 * the library reports for the step. Holds native memory for some libraries: close it.
 */
public interface TrainingStep extends AutoCloseable {

    /** One step; returns its loss. This is the measured call. */
    double run();

    /** Releases the network and the data. */
    @Override
    void close();

    /** Runs {@code steps} steps and throws if a loss is not finite, so a broken setup is never timed. */
    static void checkFinite(String what, TrainingStep step, int steps) {
        for (int i = 0; i < steps; i++) {
            double loss = step.run();
            if (!Double.isFinite(loss)) {
                step.close();
                throw new IllegalStateException(what + ": loss of step " + i + " is " + loss);
            }
        }
    }
}
