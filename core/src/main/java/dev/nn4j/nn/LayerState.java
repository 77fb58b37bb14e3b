package dev.nn4j.nn;

import dev.nn4j.autodiff.Rng;
import dev.nn4j.tensor.Tensor;
import java.util.function.Function;

/**
 * What one layer needs between its forward and backward pass, for one executor of a model:
 * the input it saw, its work buffers for that input's shape (allocated on first use of a
 * shape and reused, see {@link BufferCache}), a host scratch array and the random stream
 * of the pass. A layer's parameters are shared; its states are not, which is what lets many
 * threads run inference on one model, each with its own states.
 *
 * <p>Created by {@link Layer#newState()}; owned and closed by the executor that created it.
 * Not thread-safe: one thread uses a state at a time.
 */
public final class LayerState implements AutoCloseable {
    private final BufferCache cache;
    private Tensor input;
    private Tensor[] buffers;
    private float[] host = new float[0];
    private Rng rng;

    /** A state whose buffers for an input are made by {@code factory} (called once per input shape). */
    public LayerState(Function<Tensor, Tensor[]> factory) {
        this.cache = new BufferCache(factory);
    }

    /** Records {@code x} as this pass's input and returns the buffers for its shape. */
    public Tensor[] bind(Tensor x) {
        input = x;
        buffers = cache.get(x);
        return buffers;
    }

    /** The input of the last forward pass; throws before the first. */
    public Tensor input() {
        requireForward();
        return input;
    }

    /** The buffers of the last forward pass; throws before the first. */
    public Tensor[] buffers() {
        requireForward();
        return buffers;
    }

    /** True once a forward pass has run. */
    public boolean hasForward() {
        return buffers != null;
    }

    /** A host array of at least {@code n} floats, kept and reused (e.g. dropout masks drawn on the host). */
    public float[] hostFloats(int n) {
        if (host.length < n) {
            host = new float[n];
        }
        return host;
    }

    /** The random stream of the current pass (dropout masks); set by the executor. */
    public Rng rng() {
        if (rng == null) {
            throw new IllegalStateException("layer state: no random stream was set for this pass");
        }
        return rng;
    }

    /** Sets the random stream for the passes to come. */
    void rng(Rng rng) {
        this.rng = rng;
    }

    private void requireForward() {
        if (buffers == null) {
            throw new IllegalStateException("layer state: backward before forward; run a forward pass first");
        }
    }

    /** Closes every buffer. */
    @Override
    public void close() {
        cache.clear();
        buffers = null;
        input = null;
    }
}
