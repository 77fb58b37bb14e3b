package dev.nn4j.autodiff;

import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.OpException;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a computation once, as steps of {@link Op}s over {@link Var}s, for a {@link Plan} to
 * replay many times. Values enter as graph inputs ({@link #input}), parameters
 * ({@link #parameter}) or constants ({@link #constant}, {@link #full}); {@link F}'s functions
 * append steps; {@link #backward} appends the steps of the gradient; {@link #plan} freezes it.
 *
 * <p>Recording checks every shape and dtype (each op's {@link Op#infer}) and computes nothing,
 * so it costs microseconds per op and no tensor memory. One recorder belongs to one thread.
 */
public final class Recorder {

    /** Where a value comes from. */
    enum Kind {
        /** Bound to a caller's tensor before every run. */
        INPUT,
        /** A parameter's value tensor (trainable or a statistic). */
        PARAMETER,
        /** A tensor captured at record time, read only. */
        CONSTANT,
        /** A tensor of one repeated value, made when a plan's buffers are. */
        FULL,
        /** Written by a step into a planned buffer. */
        TEMP
    }

    /** What the recorder knows of one value. */
    static final class Value {
        final Var var;
        final Kind kind;
        final int producer;
        final Object payload;

        Value(Var var, Kind kind, int producer, Object payload) {
            this.var = var;
            this.kind = kind;
            this.producer = producer;
            this.payload = payload;
        }
    }

    /** One recorded application of an op. */
    record Step(Op op, int[] in, int[] out) {
    }

    final List<Value> values = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    private boolean frozen;

    /** An empty recording. */
    public Recorder() {
    }

    /**
     * A graph input called {@code name}, bound to a tensor of this shape and dtype before each run;
     * {@code requiresGrad} asks for its gradient (0.1 skipped it; a saliency map needs it).
     */
    public Var input(String name, Shape shape, DType dtype, boolean requiresGrad) {
        for (Value v : values) {
            if (v.kind == Kind.INPUT && v.payload.equals(name)) {
                throw new IllegalArgumentException("recorder: two inputs are called '" + name + "'");
            }
        }
        return add(shape, dtype, requiresGrad, Kind.INPUT, -1, name);
    }

    /** A parameter's value; it needs a gradient when the parameter is trainable. */
    public Var parameter(Parameter p) {
        return parameter(p, p.trainable());
    }

    /** A parameter's value; {@code requiresGrad} false freezes it (no gradient is computed or written). */
    public Var parameter(Parameter p, boolean requiresGrad) {
        if (requiresGrad && !p.trainable()) {
            throw new IllegalArgumentException("recorder: " + p.name() + " is a statistic; it cannot take a gradient");
        }
        for (Value v : values) {
            if (v.kind == Kind.PARAMETER && v.payload == p) {
                return v.var;
            }
        }
        return add(p.shape(), p.value().dtype(), requiresGrad, Kind.PARAMETER, -1, p);
    }

    /** A tensor read as it is at each run (not copied; the caller keeps it open while plans of this recording run). */
    public Var constant(Tensor t) {
        return add(t.shape(), t.dtype(), false, Kind.CONSTANT, -1, t);
    }

    /** A constant tensor of this shape and dtype with every element {@code value}, made with a plan's buffers. */
    public Var full(Shape shape, DType dtype, double value) {
        return add(shape, dtype, false, Kind.FULL, -1, value);
    }

    /** A FLOAT64 constant of this shape holding {@code values} (row-major), made with a plan's buffers. */
    public Var values(Shape shape, double[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("recorder values: " + values.length + " values for shape " + shape);
        }
        return add(shape, DType.FLOAT64, false, Kind.FULL, -1, values.clone());
    }

    /**
     * Appends a step of {@code op} over {@code in} and returns its outputs: {@code op.infer}
     * checks the operands; outputs need a gradient when any input does. Used by {@link F}.
     */
    public Var[] record(Op op, Var... in) {
        if (frozen) {
            throw new IllegalStateException("recorder: " + op.name() + " after plan(); record a new computation instead");
        }
        boolean grad = false;
        int[] inSlots = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            if (in[i].recorder != this) {
                throw new OpException(op.name(), op.name() + ": operand " + i + " (" + in[i]
                        + ") belongs to another recording");
            }
            grad |= in[i].requiresGrad();
            inSlots[i] = in[i].slot;
        }
        grad &= op.differentiable();
        Out[] outs = op.infer(in);
        int step = steps.size();
        Var[] result = new Var[outs.length];
        int[] outSlots = new int[outs.length];
        for (int i = 0; i < outs.length; i++) {
            result[i] = add(outs[i].shape(), outs[i].dtype(), grad && outs[i].differentiable(), Kind.TEMP, step, null);
            outSlots[i] = result[i].slot;
        }
        steps.add(new Step(op, inSlots, outSlots));
        return result;
    }

    /**
     * Records the backward pass of everything recorded so far from {@code loss}: seeds its
     * gradient with ones and walks the steps in reverse, each op adding its inputs' gradients.
     * Returns the gradients; {@link Grads#of} gives each value's, null where none arrived.
     */
    public Grads backward(Var loss) {
        if (loss.recorder != this) {
            throw new IllegalArgumentException("recorder: the loss belongs to another recording");
        }
        int end = steps.size();
        Grads g = new Grads();
        g.seed(loss, full(loss.shape(), loss.dtype(), 1.0));
        for (int s = end - 1; s >= 0; s--) {
            Step step = steps.get(s);
            Var[] out = vars(step.out());
            Var[] dOut = new Var[out.length];
            boolean any = false;
            for (int i = 0; i < out.length; i++) {
                dOut[i] = g.of(out[i]);
                any |= dOut[i] != null;
            }
            Var[] in = vars(step.in());
            boolean needed = false;
            for (Var v : in) {
                needed |= v.requiresGrad();
            }
            if (any && needed) {
                step.op().backward(g, in, out, dOut);
            }
        }
        return g;
    }

    /**
     * Freezes the recording into a plan computing {@code outputs} and, when {@code grads} is not
     * null, writing every trainable parameter's gradient into {@link Parameter#gradient()}
     * (zeros for one no gradient reached). Steps nothing needs are dropped, unless they have
     * side effects.
     */
    public Plan plan(List<Var> outputs, Grads grads) {
        Plan plan = Planner.plan(this, outputs, grads);
        frozen = true;
        return plan;
    }

    /** The number of steps recorded so far (forward and backward). */
    public int stepCount() {
        return steps.size();
    }

    Var[] vars(int[] slots) {
        Var[] out = new Var[slots.length];
        for (int i = 0; i < slots.length; i++) {
            out[i] = values.get(slots[i]).var;
        }
        return out;
    }

    private Var add(Shape shape, DType dtype, boolean grad, Kind kind, int producer, Object payload) {
        Var v = new Var(this, values.size(), shape, dtype, grad);
        values.add(new Value(v, kind, producer, payload));
        return v;
    }
}
