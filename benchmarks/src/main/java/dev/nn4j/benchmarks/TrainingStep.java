package dev.nn4j.benchmarks;

/**
 * One prepared training step of some network on some library: {@link #run()} does forward,
 * loss, backward and the optimizer update on data prepared beforehand, and returns the loss
 * the library reports for the step (or, where the API reports none, another value of the
 * step). Holds native memory for some libraries: close it.
 */
public interface TrainingStep extends AutoCloseable {

    /** One step; returns its loss. This is the measured call. */
    double run();

    /** Runs a few steps and throws if a loss is not finite, so a broken setup is never timed. */
    default void verify(String what) {
        for (int i = 0; i < 3; i++) {
            double loss = run();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException(what + ": loss of step " + i + " is " + loss);
            }
        }
    }

    /** Releases the network and the data. */
    @Override
    void close();
}
