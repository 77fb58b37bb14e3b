package dev.nn4j.autodiff;

/**
 * What an op may use while it runs, besides its operands: the random stream of the current
 * training step (dropout draws its masks from it). One per {@link Arena}, so one per thread.
 */
public final class StepContext {
    private Rng rng;
    private float[] floats = new float[0];

    StepContext() {
    }

    /** The step's random stream; set by whoever runs the plan (training sets the model's dropout stream). */
    public Rng rng() {
        if (rng == null) {
            throw new IllegalStateException("this step has no random stream: run the plan with one");
        }
        return rng;
    }

    /**
     * A host array of at least {@code n} floats for an op to fill before copying it to a tensor
     * (dropout's mask); grows to the largest request and is reused, so a warm step allocates nothing.
     */
    public float[] hostFloats(int n) {
        if (floats.length < n) {
            floats = new float[n];
        }
        return floats;
    }

    void rng(Rng rng) {
        this.rng = rng;
    }
}
