package dev.nn4j.autodiff;

import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * Concatenation along one axis and its adjoints: a slice, and a slice written into zeros. Each is
 * one {@code copyRegion} per operand (plus a fill for the padded slice), so they cost one read
 * and one write of the values they move.
 */
final class SliceOps {
    private SliceOps() {
    }

    /** Start offsets of a box beginning at {@code offset} along {@code axis} and 0 elsewhere. */
    static int[] at(int rank, int axis, int offset) {
        int[] start = new int[rank];
        start[axis] = offset;
        return start;
    }

    static int[] ones(int rank) {
        int[] step = new int[rank];
        java.util.Arrays.fill(step, 1);
        return step;
    }

    /** The inputs side by side along {@code axis}; every other dimension equal, one dtype. */
    static final class Concat extends Op {
        final int axis;

        Concat(int axis) {
            super("concat");
            this.axis = axis;
        }

        @Override
        protected Out[] infer(Var[] in) {
            int[] dims = in[0].shape().dims();
            dims[axis] = 0;
            for (Var v : in) {
                dims[axis] += v.dim(axis);
            }
            return new Out[] {new Out(Shape.of(dims), in[0].dtype())};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            int r = out[0].rank();
            int[] step = ones(r);
            int offset = 0;
            for (Tensor t : in) {
                k.copyRegion(t, new int[r], step, out[0], at(r, axis, offset), t.shape().dims());
                offset += t.shape().dim(axis);
            }
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            int offset = 0;
            for (Var v : in) {
                g.add(v, F.slice(dy[0], axis, offset, v.dim(axis)));
                offset += v.dim(axis);
            }
        }

        @Override
        public String toString() {
            return "concat(axis " + axis + ")";
        }
    }

    /** {@code length} entries of {@code x} along {@code axis} from {@code offset}. */
    static final class Slice extends ShapeOps.ToShape {
        final int axis;
        final int offset;

        Slice(Shape shape, int axis, int offset) {
            super("slice", shape);
            this.axis = axis;
            this.offset = offset;
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            int r = out[0].rank();
            k.copyRegion(in[0], at(r, axis, offset), ones(r), out[0], new int[r], shape.dims());
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], F.record(new Unslice(in[0].shape(), axis, offset), dy[0]));
        }
    }

    /** Slice's adjoint: zeros of {@code shape} with {@code x} written at {@code offset} along {@code axis}. */
    static final class Unslice extends ShapeOps.ToShape {
        final int axis;
        final int offset;

        Unslice(Shape shape, int axis, int offset) {
            super("unslice", shape);
            this.axis = axis;
            this.offset = offset;
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            int r = out[0].rank();
            k.fill(out[0], 0);
            k.copyRegion(in[0], new int[r], ones(r), out[0], at(r, axis, offset), in[0].shape().dims());
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], F.slice(dy[0], axis, offset, in[0].dim(axis)));
        }
    }
}
