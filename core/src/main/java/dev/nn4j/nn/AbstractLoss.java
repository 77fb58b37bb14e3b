package dev.nn4j.nn;

import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;

/**
 * Shared plumbing of the built-in losses: the id, shape checks and scratch tensors per batch
 * shape. The scratch tensors belong to the loss object, so the built-in losses' {@code compute}
 * methods are {@code synchronized}: evaluation from many threads on one model
 * ({@code Sequential.loss}) stays exact, at the cost of running the (cheap) loss itself one
 * thread at a time; the forward passes still run in parallel.
 */
abstract class AbstractLoss implements Loss {
    private final String id;
    private final BufferCache scratch;

    AbstractLoss(String id, int scratchTensors) {
        this.id = id;
        this.scratch = new BufferCache(like -> {
            Tensor[] group = new Tensor[scratchTensors];
            for (int i = 0; i < group.length; i++) {
                group[i] = Ops.like(like);
            }
            return group;
        });
    }

    @Override
    public final String id() {
        return id;
    }

    /** Scratch tensors shaped like {@code like}, reused across calls. */
    final Tensor[] scratch(Tensor like) {
        return scratch.get(like);
    }

    /** Checks that output, target and (if present) gradient are matrices of one shape, backend and dtype. */
    final void check(String what, Tensor output, Tensor target, Tensor grad) {
        boolean ok = output.rank() == 2 && output.shape().equals(target.shape())
                && (grad == null || grad.shape().equals(output.shape()));
        if (!ok) {
            throw new IllegalArgumentException("loss " + id + ": " + what + " is " + output.shape() + ", target is "
                    + target.shape() + (grad == null ? "" : ", gradient is " + grad.shape())
                    + "; all must be the same [batch x size] matrix shape");
        }
        if (output.backend() != target.backend() || output.dtype() != target.dtype()) {
            throw new IllegalArgumentException("loss " + id + ": " + what + " is " + output.dtype() + " on "
                    + output.backend().name() + ", target is " + target.dtype() + " on " + target.backend().name()
                    + "; they must match");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
