package dev.nn4j.nn;

import dev.nn4j.autodiff.Arena;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.nn.GraphRecordings.Entry;
import dev.nn4j.nn.GraphRecordings.Purpose;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a model's recorded plans ({@link GraphRecordings}) on buffers of its own: one arena per
 * plan it has used, at most {@value #MAX_ARENAS} (the least recently used is closed beyond
 * that). A model keeps one executor for training and a pool for inference, so concurrent
 * predictions never share buffers. A warm call finds its arena by comparing shapes and
 * allocates nothing. Inputs and targets come as arrays in the graph's order (one element for
 * a chain); outputs are read with {@link #output(int)}. One thread at a time.
 */
final class Executor implements AutoCloseable {
    static final int MAX_ARENAS = 8;

    private final GraphRecordings recordings;
    private final Backend backend;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Arena> arenas = new ArrayList<>();
    private final Tensor[] outputs;
    private final Tensor[] inputGradients;
    private final Tensor[] one = new Tensor[1];
    private final Tensor[] oneTarget = new Tensor[1];
    private Rng rng;
    private boolean ran;

    Executor(GraphRecordings recordings, Backend backend) {
        this.recordings = recordings;
        this.backend = backend;
        this.outputs = new Tensor[recordings.graph().outputs().length];
        this.inputGradients = new Tensor[recordings.graph().inputNames().size()];
    }

    /** The random stream dropout draws from in training. */
    void rng(Rng rng) {
        this.rng = rng;
    }

    /** Runs the outputs for inputs {@code xs} in {@code mode}; read them with {@link #output(int)}. */
    void forward(Tensor[] xs, Mode mode) {
        int i = arena(Purpose.FORWARD, mode, xs);
        run(i, xs, null);
    }

    /** The first output for one input: a buffer of this executor, overwritten by the next call. */
    Tensor forward(Tensor x, Mode mode) {
        one[0] = x;
        try {
            forward(one, mode);
        } finally {
            one[0] = null;
        }
        return outputs[0];
    }

    /** Output {@code i}'s buffer of the latest call, or null before the first. */
    Tensor output(int i) {
        return ran ? outputs[i] : null;
    }

    /** The loss (summed over the outputs) on a batch in {@code mode}, without gradients. */
    double loss(Tensor[] xs, Tensor[] targets, Mode mode) {
        int i = arena(Purpose.LOSS, mode, xs);
        return run(i, xs, targets).scalar(entries.get(i).loss());
    }

    /** {@link #loss(Tensor[], Tensor[], Mode)} for one input and one target. */
    double loss(Tensor x, Tensor target, Mode mode) {
        one[0] = x;
        oneTarget[0] = target;
        try {
            return loss(one, oneTarget, mode);
        } finally {
            one[0] = null;
            oneTarget[0] = null;
        }
    }

    /**
     * Forward in training mode, loss, backward: overwrites every trainable parameter's gradient
     * and returns the loss; with {@code wantInputGradients} also the inputs' ({@link #inputGradient(int)}).
     */
    double lossAndGradients(Tensor[] xs, Tensor[] targets, boolean wantInputGradients) {
        Purpose p = wantInputGradients ? Purpose.GRADIENTS_AND_INPUT : Purpose.GRADIENTS;
        int i = arena(p, Mode.TRAINING, xs);
        Arena a = run(i, xs, targets);
        Entry e = entries.get(i);
        for (int k = 0; k < inputGradients.length; k++) {
            inputGradients[k] = wantInputGradients ? a.get(e.inputGradients()[k]) : null;
        }
        return a.scalar(e.loss());
    }

    /** {@link #lossAndGradients(Tensor[], Tensor[], boolean)} for one input and one target. */
    double lossAndGradients(Tensor x, Tensor target, boolean wantInputGradient) {
        one[0] = x;
        oneTarget[0] = target;
        try {
            return lossAndGradients(one, oneTarget, wantInputGradient);
        } finally {
            one[0] = null;
            oneTarget[0] = null;
        }
    }

    /** Input {@code i}'s gradient from the latest {@link #lossAndGradients} that asked for it, or null. */
    Tensor inputGradient(int i) {
        return inputGradients[i];
    }

    private Arena run(int i, Tensor[] xs, Tensor[] targets) {
        Entry e = entries.get(i);
        Arena a = arenas.get(i);
        for (int k = 0; k < xs.length; k++) {
            a.bind(e.inputs()[k], xs[k]);
        }
        if (targets != null) {
            for (int k = 0; k < targets.length; k++) {
                a.bind(e.targets()[k], targets[k]);
            }
        }
        a.rng(rng);
        a.run();
        for (int k = 0; k < outputs.length; k++) {
            outputs[k] = a.get(e.outputs()[k]);
        }
        ran = true;
        return a;
    }

    /** The index of the arena for this plan, made (and the oldest closed beyond the limit) on first use. */
    private int arena(Purpose purpose, Mode mode, Tensor[] xs) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).fits(purpose, mode, xs)) {
                return i;
            }
        }
        dev.nn4j.tensor.Shape[] batches = new dev.nn4j.tensor.Shape[xs.length];
        for (int k = 0; k < xs.length; k++) {
            batches[k] = xs[k].shape();
        }
        Entry e = recordings.get(purpose, mode, batches);
        if (entries.size() == MAX_ARENAS) {
            entries.remove(0);
            arenas.remove(0).close();
        }
        entries.add(e);
        arenas.add(e.plan().newArena(backend));
        return entries.size() - 1;
    }

    @Override
    public void close() {
        ran = false;
        java.util.Arrays.fill(outputs, null);
        java.util.Arrays.fill(inputGradients, null);
        for (Arena a : arenas) {
            a.close();
        }
        arenas.clear();
        entries.clear();
    }
}
