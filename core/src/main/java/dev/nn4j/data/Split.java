package dev.nn4j.data;

import java.util.Arrays;

/**
 * A dataset divided into a training part and a validation part by a seeded random draw.
 * Both parts are copies; within each part the samples keep their original relative order
 * (the training loop shuffles per epoch anyway), so a split depends only on the seed.
 */
public final class Split {
    private final Dataset train;
    private final Dataset validation;

    private Split(Dataset train, Dataset validation) {
        this.train = train;
        this.validation = validation;
    }

    /**
     * Puts {@code round(size · validationFraction)} randomly drawn samples into the validation
     * part and the rest into the training part. Both parts must end up non-empty.
     */
    public static Split of(Dataset data, double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("split: validationFraction must be strictly between 0 and 1, got "
                    + validationFraction);
        }
        int n = data.size();
        int validationSize = (int) Math.round(n * validationFraction);
        if (validationSize < 1 || validationSize >= n) {
            throw new IllegalArgumentException("split: a fraction of " + validationFraction + " of " + n
                    + " samples gives " + validationSize + " validation and " + (n - validationSize)
                    + " training samples; both must be at least 1");
        }
        int[] order = Shuffle.permutation(n, seed);
        int[] validationRows = Arrays.copyOfRange(order, 0, validationSize);
        int[] trainRows = Arrays.copyOfRange(order, validationSize, n);
        Arrays.sort(validationRows);
        Arrays.sort(trainRows);
        return new Split(data.select(trainRows), data.select(validationRows));
    }

    /** The training part. */
    public Dataset train() {
        return train;
    }

    /** The validation part. */
    public Dataset validation() {
        return validation;
    }
}
