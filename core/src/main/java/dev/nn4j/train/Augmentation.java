package dev.nn4j.train;

import dev.nn4j.autodiff.Rng;
import dev.nn4j.tensor.Shape;

/**
 * Changes each training batch on the host before the step sees it, as data augmentation does
 * (random flips and shifts of images). {@code fit} applies it to training batches only, never to
 * validation or evaluation data, drawing from a random stream of its own that the fit's seed
 * fixes, so a seeded fit repeats exactly. Implementations must keep the batch's size and must
 * not keep {@code rows}; one fit calls it from one thread.
 */
@FunctionalInterface
public interface Augmentation {

    /**
     * Changes the first {@code count} samples of {@code rows} in place: sample {@code i} is
     * {@code rows[i·n .. (i+1)·n)} with {@code n = sample.size()}, in the model's per-sample shape
     * {@code sample} (row-major; {@code [C, H, W]} for images).
     */
    void apply(float[] rows, int count, Shape sample, Rng rng);

    /**
     * Random horizontal flips (each sample with probability 1/2) and random shifts of up to
     * {@code maxShift} pixels in each direction, the uncovered border filled with 0: the
     * "pad by {@code maxShift} and crop at random" of image classifiers. Needs image samples
     * {@code [C, H, W]}. Cost: one pass over the batch.
     *
     * @throws IllegalArgumentException when {@code maxShift} is negative
     */
    static Augmentation flipsAndShifts(int maxShift) {
        return new FlipsAndShifts(maxShift);
    }
}
