package dev.nn4j.train;

import java.util.Locale;

/**
 * The line per epoch that {@code fit} logs at {@code INFO} through {@link System.Logger}
 * {@value Trainer#LOGGER} unless {@link FitConfig#logEpochs()} is off: the first epoch, the last,
 * and in between at most one a second, so 5,000 fast epochs do not print 5,000 lines. One per
 * {@code fit} call, used by its thread only.
 */
final class EpochLog {
    private static final System.Logger LOG = System.getLogger(Trainer.LOGGER);
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final boolean on;
    private long lastNanos;
    private boolean logged;

    EpochLog(boolean on) {
        this.on = on && LOG.isLoggable(System.Logger.Level.INFO);
    }

    /** Logs the epoch that just ended when it is the first, the last, or a second has passed since the last line. */
    void epochEnded(TrainingContext c, boolean last, double validationLoss, double validationAccuracy) {
        long now = System.nanoTime();
        if (!on || (logged && !last && now - lastNanos < INTERVAL_NANOS)) {
            return;
        }
        logged = true;
        lastNanos = now;
        StringBuilder line = new StringBuilder();
        line.append("epoch ").append(c.epoch() + 1).append('/').append(c.epochs())
                .append(": loss ").append(number(c.epochLoss()));
        if (!Double.isNaN(c.trainingAccuracy())) {
            line.append(", accuracy ").append(number(c.trainingAccuracy()));
        }
        if (!Double.isNaN(validationLoss)) {
            line.append(", val_loss ").append(number(validationLoss));
        }
        if (!Double.isNaN(validationAccuracy)) {
            line.append(", val_accuracy ").append(number(validationAccuracy));
        }
        line.append(String.format(Locale.ROOT, " (%.1f s)", c.elapsedSeconds()));
        LOG.log(System.Logger.Level.INFO, line.toString());
    }

    /** Logs that the thread was interrupted in the epoch of {@code c}. */
    void interrupted(TrainingContext c) {
        if (on) {
            LOG.log(System.Logger.Level.INFO, "training interrupted in epoch " + (c.epoch() + 1) + "/" + c.epochs()
                    + " after " + c.step() + " steps; the model holds the weights of the last step");
        }
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
