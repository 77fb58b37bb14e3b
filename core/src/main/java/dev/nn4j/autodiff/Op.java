package dev.nn4j.autodiff;

import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Tensor;

/**
 * One differentiable operation, stated once: its shape rule ({@link #infer}), its forward pass on
 * a backend's kernels ({@link #forward}), and its backward pass written in ops
 * ({@link #backward}), so the gradient of anything built from ops follows without more code.
 *
 * <p>Ops are recorded, not run: {@link F}'s functions check their operands, call
 * {@link Recorder#record} with an op instance, and get the output {@link Var}s. A {@link Plan}
 * later replays the recorded steps, calling {@code forward} on buffers chosen in advance.
 *
 * <p><b>Contract.</b> {@code infer} throws {@link OpException} naming the op, every operand's
 * shape and dtype, and the rule; {@code forward} reads {@code in}, writes every {@code out},
 * allocates nothing and never sees an operand that {@code infer} refused (no checks needed);
 * {@code out} tensors never alias {@code in} tensors. An op instance may hold its attributes
 * (an activation, an axis) but no per-call state: one plan runs on many threads, each with its
 * own buffers.
 */
public abstract class Op {
    private final String name;

    /** An op called {@code name} in messages and plans, e.g. {@code "add"}. */
    protected Op(String name) {
        this.name = name;
    }

    /** The op's name, e.g. {@code add}. */
    public final String name() {
        return name;
    }

    /** Output shapes and dtypes for these inputs; throws {@link OpException} when they do not fit. */
    protected abstract Out[] infer(Var[] in);

    /** Runs the op on planned buffers: reads {@code in}, writes every {@code out}, allocates nothing. */
    protected abstract void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c);

    /**
     * Records the inputs' gradients from the outputs' ({@code dOut[i]} is null where no gradient
     * reached output {@code i}) by calling {@link Grads#add} with values built by {@link F}.
     * Runs at record time only. The default refuses: an op without a gradient says so by name.
     */
    protected void backward(Grads g, Var[] in, Var[] out, Var[] dOut) {
        throw new OpException(name, name + ": has no gradient; a value that needs one was computed with it");
    }

    /**
     * Whether the op must run even when nothing reads its outputs (batch norm moves its running
     * statistics, dropout draws from the step's random stream). Such steps are never dropped.
     */
    protected boolean hasSideEffects() {
        return false;
    }

    /**
     * Whether gradients flow through this op at all. Comparisons, argmax and casts to integers
     * say false: their outputs never need a gradient, whatever their inputs need.
     */
    protected boolean differentiable() {
        return true;
    }

    /** The op's name and attributes, as summaries and plan listings print it. */
    @Override
    public String toString() {
        return name;
    }
}
