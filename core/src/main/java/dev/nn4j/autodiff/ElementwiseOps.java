package dev.nn4j.autodiff;

import dev.nn4j.tensor.Binary;
import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.tensor.Unary;

/**
 * Element-wise ops. Operands reach them with the output's rank ({@link F} pads ranks with
 * leading 1s first), so each forward is one primitive call; gradients of broadcast operands are
 * summed back to their shape with {@link F#sumTo}.
 */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    /** {@code y = f(a, b)} with broadcasting. */
    static final class BinaryOp extends Op {
        final Binary f;

        BinaryOp(Binary f) {
            super(f.name().toLowerCase(java.util.Locale.ROOT));
            this.f = f;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {new Out(VarChecks.broadcast(name(), in[0], in[1]), in[0].dtype())};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.binary(f, in[0], in[1], out[0]);
        }

        @Override
        protected boolean differentiable() {
            return f != Binary.EQUAL && f != Binary.LESS && f != Binary.GREATER;
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            Var a = in[0];
            Var b = in[1];
            Var d = dy[0];
            switch (f) {
                case ADD -> {
                    g.add(a, F.sumTo(d, a.shape()));
                    g.add(b, F.sumTo(d, b.shape()));
                }
                case SUB -> {
                    g.add(a, F.sumTo(d, a.shape()));
                    if (b.requiresGrad()) {
                        g.add(b, F.sumTo(F.neg(d), b.shape()));
                    }
                }
                case MUL -> {
                    if (a.requiresGrad()) {
                        g.add(a, F.sumTo(F.mul(d, b), a.shape()));
                    }
                    if (b.requiresGrad()) {
                        g.add(b, F.sumTo(F.mul(d, a), b.shape()));
                    }
                }
                case DIV -> {                                           // y = a/b: da = d/b, db = -d·y/b
                    if (a.requiresGrad()) {
                        g.add(a, F.sumTo(F.div(d, b), a.shape()));
                    }
                    if (b.requiresGrad()) {
                        g.add(b, F.sumTo(F.neg(F.div(F.mul(d, out[0]), b)), b.shape()));
                    }
                }
                case POW -> {                                           // y = a^b: da = d·b·y/a, db = d·y·log a
                    if (a.requiresGrad()) {
                        g.add(a, F.sumTo(F.mul(d, F.mul(b, F.pow(a, F.sub(b, F.ones(b)))) ), a.shape()));
                    }
                    if (b.requiresGrad()) {
                        g.add(b, F.sumTo(F.mul(d, F.mul(out[0], F.unary(Unary.LOG, a))), b.shape()));
                    }
                }
                case MAX, MIN -> {                                      // to the operand that won; a on ties
                    Var aWon = f == Binary.MAX ? F.binary(Binary.LESS, a, b) : F.binary(Binary.GREATER, a, b);
                    Var zeros = F.zerosLike(d);
                    g.add(a, F.sumTo(F.where(aWon, zeros, d), a.shape()));
                    g.add(b, F.sumTo(F.where(aWon, d, zeros), b.shape()));
                }
                default -> throw new IllegalStateException(name() + " has no gradient");
            }
        }
    }

    /** {@code y = f(x)}. */
    static final class UnaryFn extends Op {
        final Unary f;

        UnaryFn(Unary f) {
            super(f.name().toLowerCase(java.util.Locale.ROOT));
            this.f = f;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {Out.like(in[0])};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.unary(f, in[0], out[0]);
        }

        @Override
        protected boolean differentiable() {
            return f != Unary.SIGN;
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            Var x = in[0];
            Var y = out[0];
            Var d = dy[0];
            Var dx = switch (f) {
                case EXP -> F.mul(d, y);
                case LOG -> F.div(d, x);
                case SQRT -> F.div(F.scale(d, 0.5), y);
                case RSQRT -> F.mul(d, F.scale(F.mul(y, F.mul(y, y)), -0.5));
                case NEG -> F.neg(d);
                case ABS -> F.mul(d, F.unary(Unary.SIGN, x));
                case SQUARE -> F.mul(d, F.scale(x, 2));
                case RECIPROCAL -> F.neg(F.mul(d, F.unary(Unary.SQUARE, y)));
                case TANH -> F.mul(d, F.affine(F.unary(Unary.SQUARE, y), -1, 1));
                case SIGMOID -> F.mul(d, F.mul(y, F.affine(y, -1, 1)));
                case RELU -> F.mul(d, F.binary(Binary.GREATER, x, F.zerosLike(x)));
                case ERF -> F.mul(d, F.scale(F.unary(Unary.EXP, F.neg(F.unary(Unary.SQUARE, x))),
                        2 / Math.sqrt(Math.PI)));
                case SIGN -> throw new IllegalStateException("sign has no gradient");
            };
            g.add(x, dx);
        }
    }

    /** {@code y = scale·x + shift}. */
    static final class Affine extends Op {
        final double scale;
        final double shift;

        Affine(double scale, double shift) {
            super("affine");
            this.scale = scale;
            this.shift = shift;
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {Out.like(in[0])};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.affine(in[0], scale, shift, out[0]);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            g.add(in[0], F.scale(dy[0], scale));
        }

        @Override
        public String toString() {
            return "affine(" + scale + ", " + shift + ")";
        }
    }

    /** {@code y = condition != 0 ? a : b}, broadcasting; the gradient goes to the operand chosen. */
    static final class Where extends Op {
        Where() {
            super("where");
        }

        @Override
        protected Out[] infer(Var[] in) {
            return new Out[] {new Out(VarChecks.broadcast(name(), in[1], in[2]), in[1].dtype())};
        }

        @Override
        protected void forward(Kernels k, Tensor[] in, Tensor[] out, StepContext c) {
            k.select(in[0], in[1], in[2], out[0]);
        }

        @Override
        protected void backward(Grads g, Var[] in, Var[] out, Var[] dy) {
            Var zeros = F.zerosLike(dy[0]);
            g.add(in[1], F.sumTo(F.where(in[0], dy[0], zeros), in[1].shape()));
            g.add(in[2], F.sumTo(F.where(in[0], zeros, dy[0]), in[2].shape()));
        }
    }
}
