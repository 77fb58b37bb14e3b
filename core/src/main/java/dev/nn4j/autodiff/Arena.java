package dev.nn4j.autodiff;

import dev.nn4j.autodiff.Recorder.Kind;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable half of a {@link Plan}: its temporary buffers on one backend, and every step's
 * argument arrays resolved once, so {@link #run()} passes them without building anything.
 * Binding an input ({@link #bind}) writes its tensor into the argument arrays that read it.
 * A warm run allocates nothing beyond what the ops' kernels do.
 *
 * <p>One thread at a time. The arena owns its buffers (closed by {@link #close()}); it reads
 * parameter values and writes parameter gradients in place, and never closes those or the
 * tensors bound to inputs.
 */
public final class Arena implements AutoCloseable {
    private final Plan plan;
    private final Backend backend;
    private final Kernels kernels;
    private final Tensor[] values;
    private final Tensor[][] in;
    private final Tensor[][] out;
    private final int[][] readers;
    /** Per value: whether {@link #get} may hand it out (its buffer is not reused by a later value). */
    private final boolean[] readable;
    private final List<Tensor> owned = new ArrayList<>();
    private final StepContext context = new StepContext();
    private boolean closed;

    Arena(Plan plan, Backend backend) {
        this.plan = plan;
        this.backend = backend;
        this.kernels = backend.kernels();
        int slots = plan.kinds.length;
        this.values = new Tensor[slots];
        Tensor[] buffers = new Tensor[plan.bufferShapes.length];
        try {
            for (int b = 0; b < buffers.length; b++) {
                buffers[b] = own(backend.create(plan.bufferTypes[b], plan.bufferShapes[b]));
            }
            for (int i = 0; i < slots; i++) {
                values[i] = switch (plan.kinds[i]) {
                    case INPUT -> null;
                    case PARAMETER -> onBackend(((Parameter) plan.payloads[i]).value(), i);
                    case CONSTANT -> onBackend((Tensor) plan.payloads[i], i);
                    case FULL -> {
                        Tensor t = own(backend.create(plan.dtypes[i], plan.shapes[i]));
                        if (plan.payloads[i] instanceof double[] given) {
                            t.setAll(given);
                        } else {
                            kernels.fill(t, (Double) plan.payloads[i]);
                        }
                        yield t;
                    }
                    case TEMP -> plan.gradientOf[i] >= 0
                            ? onBackend(((Parameter) plan.payloads[plan.gradientOf[i]]).gradient(), i)
                            : plan.buffer[i] >= 0 ? buffers[plan.buffer[i]] : null;
                };
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        int steps = plan.ops.length;
        this.in = new Tensor[steps][];
        this.out = new Tensor[steps][];
        int[] readCount = new int[slots];
        for (int s = 0; s < steps; s++) {
            in[s] = new Tensor[plan.in[s].length];
            out[s] = new Tensor[plan.out[s].length];
            for (int i = 0; i < in[s].length; i++) {
                in[s][i] = values[plan.in[s][i]];
                readCount[plan.in[s][i]]++;
            }
            for (int o = 0; o < out[s].length; o++) {
                out[s][o] = values[plan.out[s][o]];
            }
        }
        this.readable = new boolean[slots];
        for (int i = 0; i < slots; i++) {
            readable[i] = plan.kinds[i] != Kind.TEMP || plan.gradientOf[i] >= 0;
        }
        for (int o : plan.outputs) {
            readable[o] = true;
        }
        this.readers = new int[slots][];
        for (int i = 0; i < slots; i++) {
            if (plan.kinds[i] == Kind.INPUT) {
                int[] positions = new int[2 * readCount[i]];
                int k = 0;
                for (int s = 0; s < steps; s++) {
                    for (int a = 0; a < plan.in[s].length; a++) {
                        if (plan.in[s][a] == i) {
                            positions[k++] = s;
                            positions[k++] = a;
                        }
                    }
                }
                readers[i] = positions;
            }
        }
    }

    /**
     * Binds graph input {@code input} to {@code t} for the following runs (not copied: the
     * arena reads it during {@link #run()}). {@code t} must have the input's shape and dtype and
     * live on this arena's backend.
     */
    public void bind(Var input, Tensor t) {
        int slot = input.slot;
        if (slot >= plan.kinds.length || plan.kinds[slot] != Kind.INPUT) {
            throw new IllegalArgumentException("arena bind: " + input + " is not an input of this plan");
        }
        if (!t.shape().equals(plan.shapes[slot]) || t.dtype() != plan.dtypes[slot] || t.backend() != backend) {
            throw new IllegalArgumentException("arena bind: input '" + plan.payloads[slot] + "' is " + plan.shapes[slot]
                    + " " + plan.dtypes[slot] + " on " + backend.name() + "; got " + t.shape() + " " + t.dtype()
                    + " on " + t.backend().name());
        }
        values[slot] = t;
        int[] positions = readers[slot];
        for (int k = 0; k < positions.length; k += 2) {
            in[positions[k]][positions[k + 1]] = t;
        }
    }

    /** Sets the random stream the steps draw from (dropout's masks); null for none. */
    public void rng(Rng rng) {
        context.rng(rng);
    }

    /** Runs every step of the plan once, in order. */
    public void run() {
        if (closed) {
            throw new IllegalStateException("arena run: the arena is closed");
        }
        Op[] ops = plan.ops;
        for (int s = 0; s < ops.length; s++) {
            ops[s].forward(kernels, in[s], out[s], context);
        }
    }

    /**
     * The tensor holding {@code v} after a run: a plan output, an input, a parameter or a
     * constant. Owned by the arena (or by whoever owns the parameter or input): not a copy,
     * overwritten by the next run.
     */
    public Tensor get(Var v) {
        Tensor t = v.slot < values.length && readable[v.slot] ? values[v.slot] : null;
        if (t == null) {
            throw new IllegalArgumentException("arena get: " + v + " is not an output of this plan; its buffer "
                    + "may hold another value by the end of a run");
        }
        return t;
    }

    /** The value of a one-element output (a loss) after a run; allocates nothing. */
    public double scalar(Var v) {
        return kernels.sum(get(v));
    }

    /** Releases the buffers this arena made; using it afterwards throws. Closing again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Tensor t : owned) {
            t.close();
        }
        owned.clear();
    }

    private Tensor own(Tensor t) {
        owned.add(t);
        return t;
    }

    private Tensor onBackend(Tensor t, int slot) {
        if (t.backend() != backend) {
            throw new IllegalArgumentException("arena: value " + slot + " lives on " + t.backend().name()
                    + "; this arena runs on " + backend.name());
        }
        return t;
    }
}
