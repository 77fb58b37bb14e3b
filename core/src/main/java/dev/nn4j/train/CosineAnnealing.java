package dev.nn4j.train;

/**
 * Cosine annealing: {@code min + (initial − min)·(1 + cos(π·e/T))/2} for epoch {@code e < T},
 * {@code min} from epoch {@code T} on. {@code T = periodEpochs >= 1}, {@code minRate >= 0};
 * with {@code minRate = 0} the rate reaches 0 at epoch {@code T}, which freezes the weights.
 */
public record CosineAnnealing(int periodEpochs, double minRate) implements LearningRateSchedule {

    /** Validates the arguments. */
    public CosineAnnealing {
        if (periodEpochs < 1) {
            throw new IllegalArgumentException("cosine annealing: periodEpochs must be >= 1, got " + periodEpochs);
        }
        if (!(minRate >= 0) || Double.isInfinite(minRate)) {
            throw new IllegalArgumentException("cosine annealing: minRate must be >= 0 and finite, got " + minRate);
        }
    }

    @Override
    public double rate(int epoch, double initialRate) {
        if (epoch >= periodEpochs) {
            return minRate;
        }
        return minRate + (initialRate - minRate) * (1 + Math.cos(Math.PI * epoch / periodEpochs)) / 2;
    }
}
