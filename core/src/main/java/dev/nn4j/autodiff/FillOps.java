package dev.nn4j.autodiff;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/** Ops that write a value from nothing or copy one: what plans add to bind parameter gradients. */
final class FillOps {
    private FillOps() {
    }

    /** {@code y = 0} of a fixed shape and dtype; no inputs. */
    static final class Zeros extends Op {
        private final Shape shape;
        private final DType dtype;

        Zeros(Shape shape, DType dtype) {
            super("zeros");
            this.shape = shape;
            this.dtype = dtype;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {new Out(shape, dtype)};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.fill(out[0], 0);
        }

        @Override
        protected boolean differentiable() {
            return false;
        }
    }

    /** {@code y = x}, into a buffer of its own (and, with {@link #castTo}, another dtype). */
    static final class Copy extends Op {
        private final DType castTo;

        Copy() {
            this(null);
        }

        Copy(DType castTo) {
            super(castTo == null ? "copy" : "cast");
            this.castTo = castTo;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {new Out(in[0].shape(), castTo == null ? in[0].dtype() : castTo)};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.copy(in[0], out[0]);
        }

        @Override
        protected boolean differentiable() {
            return castTo == null || castTo.isFloating();
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], castTo == null ? dy[0] : F.cast(dy[0], in[0].dtype()));
        }
    }
}
