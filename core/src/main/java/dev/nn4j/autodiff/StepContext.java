package dev.nn4j.autodiff;

/**
 * What an op may use while it runs, besides its operands: the random stream of the current
 * training step (dropout draws its masks from it). One per {@link Arena}, so one per thread.
 */
public final class StepContext {
    private Rng rng;

    StepContext() {
    }

    /** The step's random stream; set by whoever runs the plan (training sets the model's dropout stream). */
    public Rng rng() {
        if (rng == null) {
            throw new IllegalStateException("this step has no random stream: run the plan with one");
        }
        return rng;
    }

    void rng(Rng rng) {
        this.rng = rng;
    }
}
