package dev.nn4j.nn;

import dev.nn4j.autodiff.Arena;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.nn.ChainRecordings.Entry;
import dev.nn4j.nn.ChainRecordings.Purpose;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a model's recorded plans ({@link ChainRecordings}) on buffers of its own: one arena per
 * plan it has used, at most {@value #MAX_ARENAS} (the least recently used is closed beyond
 * that). {@code Sequential} keeps one executor for training and a pool for inference, so
 * concurrent predictions never share buffers. A warm call finds its arena by comparing shapes
 * and allocates nothing. One thread at a time.
 */
final class Executor implements AutoCloseable {
    static final int MAX_ARENAS = 8;

    private final ChainRecordings recordings;
    private final Backend backend;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Arena> arenas = new ArrayList<>();
    private Rng rng;
    private Tensor output;
    private Tensor inputGradient;

    Executor(ChainRecordings recordings, Backend backend) {
        this.recordings = recordings;
        this.backend = backend;
    }

    /** The random stream dropout draws from in training. */
    void rng(Rng rng) {
        this.rng = rng;
    }

    /** The model's output for {@code x} in {@code mode}: a buffer of this executor, overwritten by the next call. */
    Tensor forward(Tensor x, Mode mode) {
        int i = arena(Purpose.FORWARD, mode, x.shape());
        Arena a = run(i, x, null);
        output = a.get(entries.get(i).output());
        return output;
    }

    /** The output buffer of the latest call, or null. */
    Tensor output() {
        return output;
    }

    /** The loss on a batch in {@code mode}, without gradients. */
    double loss(Tensor x, Tensor target, Mode mode) {
        int i = arena(Purpose.LOSS, mode, x.shape());
        Arena a = run(i, x, target);
        output = a.get(entries.get(i).output());
        return a.scalar(entries.get(i).loss());
    }

    /**
     * Forward in training mode, loss, backward: overwrites every trainable parameter's gradient
     * and returns the loss; with {@code wantInputGradient} also the input's ({@link #inputGradient()}).
     */
    double lossAndGradients(Tensor x, Tensor target, boolean wantInputGradient) {
        Purpose p = wantInputGradient ? Purpose.GRADIENTS_AND_INPUT : Purpose.GRADIENTS;
        int i = arena(p, Mode.TRAINING, x.shape());
        Arena a = run(i, x, target);
        Entry e = entries.get(i);
        output = a.get(e.output());
        inputGradient = wantInputGradient ? a.get(e.inputGradient()) : null;
        return a.scalar(e.loss());
    }

    /** The input's gradient from the latest {@link #lossAndGradients} that asked for it, or null. */
    Tensor inputGradient() {
        return inputGradient;
    }

    private Arena run(int i, Tensor x, Tensor target) {
        Entry e = entries.get(i);
        Arena a = arenas.get(i);
        a.bind(e.input(), x);
        if (target != null) {
            a.bind(e.target(), target);
        }
        a.rng(rng);
        a.run();
        return a;
    }

    /** The index of the arena for this plan, made (and the oldest closed beyond the limit) on first use. */
    private int arena(Purpose purpose, Mode mode, Shape batch) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.purpose() == purpose && e.mode() == mode && e.batch().equals(batch)) {
                return i;
            }
        }
        Entry e = recordings.get(purpose, mode, batch);
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
        output = null;
        inputGradient = null;
        for (Arena a : arenas) {
            a.close();
        }
        arenas.clear();
        entries.clear();
    }
}
