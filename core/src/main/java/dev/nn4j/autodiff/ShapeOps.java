package dev.nn4j.autodiff;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Reduce;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/** Ops that move or sum elements without arithmetic of their own: reshape, broadcast, sum to a shape. */
final class ShapeOps {
    private ShapeOps() {
    }

    /** The same elements in row-major order under another shape of equal size (a copy into its own buffer). */
    static final class Reshape extends Op {
        final Shape shape;

        Reshape(Shape shape) {
            super("reshape");
            this.shape = shape;
        }

        @Override
        protected Out[] infer(Var[] in) {
            if (in[0].shape().size() != shape.size()) {
                throw VarChecks.fail(name(), "x", in[0], "it has " + in[0].shape().size() + " elements, " + shape
                        + " has " + shape.size());
            }
            return new Out[] {new Out(shape, in[0].dtype())};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.copy(in[0], out[0]);                                 // equal sizes: a row-major copy
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], F.reshape(dy[0], in[0].shape()));
        }

        @Override
        public String toString() {
            return "reshape" + shape;
        }
    }

    /** An op whose one output has a shape fixed at record time and its input's dtype. */
    abstract static class ToShape extends Op {
        final Shape shape;

        ToShape(String name, Shape shape) {
            super(name);
            this.shape = shape;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {new Out(shape, in[0].dtype())};
        }

        @Override
        public String toString() {
            return name() + shape;
        }
    }

    /** Sums {@code x} along the axes where {@code shape} (of {@code x}'s rank) has 1 and {@code x} does not. */
    static final class SumKeep extends ToShape {
        SumKeep(Shape shape) {
            super("sum", shape);
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.reduce(Reduce.SUM, in[0], out[0]);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], F.expand(dy[0], in[0].shape()));
        }

    }

    /** Repeats {@code x} along its size-1 axes to {@code shape} (same rank). */
    static final class Expand extends ToShape {
        Expand(Shape shape) {
            super("expand", shape);
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.fill(out[0], 0);
            k.binary(Binary.ADD, out[0], in[0], out[0]);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], F.sumTo(dy[0], in[0].shape()));
        }
    }
}
