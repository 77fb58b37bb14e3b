package dev.nn4j.train;

/**
 * The learning rate for each optimizer step (counted from 0 over the whole fit), given the
 * optimizer's rate when training began: the per-step counterpart of {@link LearningRateSchedule},
 * for recipes stated in steps, such as a Transformer's warm-up. {@link Trainer} applies it with
 * {@code optimizer.setLearningRate} before every update. Implementations are immutable.
 */
@FunctionalInterface
public interface StepSchedule {

    /** The rate for 0-based {@code step}; must be finite and {@code >= 0}. */
    double rate(long step, double initialRate);

    /**
     * A linear warm-up over {@code warmupSteps} ({@code initial·(s + 1)/warmup} at step {@code s}),
     * then cosine annealing from the initial rate to {@code minRate} by step {@code totalSteps}
     * ({@code min + (initial − min)·(1 + cos(π·p))/2}, {@code p} the fraction of the steps after
     * the warm-up done), {@code minRate} afterwards.
     *
     * @throws IllegalArgumentException when {@code warmupSteps < 0}, {@code totalSteps <= warmupSteps}
     *     or {@code minRate} is negative or not finite, naming the value
     */
    static StepSchedule warmupCosine(int warmupSteps, int totalSteps, double minRate) {
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("warmupCosine: need 0 <= warmupSteps < totalSteps, got " + warmupSteps
                    + " and " + totalSteps);
        }
        if (!(minRate >= 0) || Double.isInfinite(minRate)) {
            throw new IllegalArgumentException("warmupCosine: minRate must be finite and >= 0, got " + minRate);
        }
        return new StepSchedule() {
            @Override
            public double rate(long step, double initial) {
                if (step < warmupSteps) {
                    return initial * (step + 1) / warmupSteps;
                }
                if (step >= totalSteps) {
                    return minRate;
                }
                double done = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
                return minRate + (initial - minRate) * (1 + Math.cos(Math.PI * done)) / 2;
            }

            @Override
            public String toString() {
                return "warm-up " + warmupSteps + " steps, cosine to " + minRate + " by step " + totalSteps;
            }
        };
    }
}
