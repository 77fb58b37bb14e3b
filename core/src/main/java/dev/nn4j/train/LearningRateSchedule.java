package dev.nn4j.train;

/**
 * The learning rate for each epoch, given the optimizer's rate when training began.
 * {@link Trainer} applies it with {@code optimizer.setLearningRate} before every epoch.
 * Implementations are immutable; the factories here validate their arguments.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The rate for 0-based {@code epoch}; must be finite and {@code >= 0} (0 freezes the weights). */
    double rate(int epoch, double initialRate);

    /** The initial rate for every epoch. */
    static LearningRateSchedule constant() {
        return (epoch, initial) -> initial;
    }

    /** {@code initial · gamma^floor(epoch / stepEpochs)}: multiply by {@code gamma} every {@code stepEpochs} epochs. */
    static LearningRateSchedule step(int stepEpochs, double gamma) {
        return new StepDecay(stepEpochs, gamma);
    }

    /** {@code initial · gamma^epoch}. */
    static LearningRateSchedule exponential(double gamma) {
        return new ExponentialDecay(gamma);
    }

    /**
     * Cosine annealing from the initial rate to {@code minRate} over {@code periodEpochs}:
     * {@code min + (initial − min)·(1 + cos(π·e/T))/2} for {@code e < T}, {@code min} afterwards.
     */
    static LearningRateSchedule cosine(int periodEpochs, double minRate) {
        return new CosineAnnealing(periodEpochs, minRate);
    }
}
