package dev.nn4j.train;

/** {@code initial · gamma^epoch}; {@code 0 < gamma <= 1}. */
public record ExponentialDecay(double gamma) implements LearningRateSchedule {

    /** Validates gamma. */
    public ExponentialDecay {
        checkGamma("exponential decay", gamma);
    }

    static void checkGamma(String what, double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException(what + ": gamma must be in (0, 1], got " + gamma);
        }
    }

    @Override
    public double rate(int epoch, double initialRate) {
        return initialRate * Math.pow(gamma, epoch);
    }
}
