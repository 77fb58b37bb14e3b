package dev.nn4j.train;

/** {@code initial · gamma^floor(epoch / stepEpochs)}; {@code stepEpochs >= 1}, {@code 0 < gamma <= 1}. */
public record StepDecay(int stepEpochs, double gamma) implements LearningRateSchedule {

    /** Validates the arguments. */
    public StepDecay {
        if (stepEpochs < 1) {
            throw new IllegalArgumentException("step decay: stepEpochs must be >= 1, got " + stepEpochs);
        }
        ExponentialDecay.checkGamma("step decay", gamma);
    }

    @Override
    public double rate(int epoch, double initialRate) {
        return initialRate * Math.pow(gamma, epoch / stepEpochs);
    }
}
