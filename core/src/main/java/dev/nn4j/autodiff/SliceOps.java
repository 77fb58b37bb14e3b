package dev.nn4j.autodiff;

import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * Concatenation along one axis and its adjoints: a slice, and a slice written into zeros. Each is
 * one {@code copyRegion} per operand (plus a fill for the padded slice), so they cost one read
 * and one write of the values they move. Each op computes its regions' corners and sizes when it
 * is recorded, so a replay allocates nothing.
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
        /** Set when recorded ({@link #infer}): each input's corner in the output, and its dimensions. */
        private int[][] corners;
        private int[][] sizes;
        private int[] zero;
        private int[] step;

        Concat(int axis) {
            super("concat");
            this.axis = axis;
        }

        @Override
        protected Out[] infer(Var[] in) {
            int[] dims = in[0].shape().dims();
            dims[axis] = 0;
            corners = new int[in.length][];
            sizes = new int[in.length][];
            for (int i = 0; i < in.length; i++) {
                corners[i] = at(dims.length, axis, dims[axis]);
                sizes[i] = in[i].shape().dims();
                dims[axis] += in[i].dim(axis);
            }
            zero = new int[dims.length];
            step = ones(dims.length);
            return new Out[] {new Out(Shape.of(dims), in[0].dtype())};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            for (int i = 0; i < in.length; i++) {
                k.copyRegion(in[i], zero, step, out[0], corners[i], sizes[i]);
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
        private final int[] corner;
        private final int[] zero;
        private final int[] step;
        private final int[] size;

        Slice(Shape shape, int axis, int offset) {
            super("slice", shape);
            this.axis = axis;
            this.offset = offset;
            this.corner = at(shape.rank(), axis, offset);
            this.zero = new int[shape.rank()];
            this.step = ones(shape.rank());
            this.size = shape.dims();
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.copyRegion(in[0], corner, step, out[0], zero, size);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], F.record(new Unslice(in[0].shape(), axis, offset, shape.dim(axis)), dy[0]));
        }
    }

    /** Slice's adjoint: zeros of {@code shape} with {@code x} written at {@code offset} along {@code axis}. */
    static final class Unslice extends ShapeOps.ToShape {
        final int axis;
        final int offset;
        private final int[] corner;
        private final int[] zero;
        private final int[] step;
        private final int[] size;

        /** Zeros of {@code shape} with a value of {@code length} along {@code axis} written at {@code offset}. */
        Unslice(Shape shape, int axis, int offset, int length) {
            super("unslice", shape);
            this.axis = axis;
            this.offset = offset;
            this.corner = at(shape.rank(), axis, offset);
            this.zero = new int[shape.rank()];
            this.step = ones(shape.rank());
            this.size = shape.dims();
            this.size[axis] = length;
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.fill(out[0], 0);
            k.copyRegion(in[0], zero, step, out[0], corner, size);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], F.slice(dy[0], axis, offset, in[0].dim(axis)));
        }
    }
}
