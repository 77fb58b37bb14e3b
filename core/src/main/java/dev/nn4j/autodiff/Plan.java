package dev.nn4j.autodiff;

import dev.nn4j.autodiff.Recorder.Kind;
import dev.nn4j.autodiff.Recorder.Step;
import dev.nn4j.autodiff.Recorder.Value;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.List;

/**
 * A recorded computation ready to replay: its steps in order, which value each step reads and
 * writes, and which buffer holds each temporary (assigned by liveness, see {@link Planner}).
 * Immutable and shared: each thread replays it through an {@link Arena} of its own
 * ({@link #newArena}), so one plan serves concurrent predictions.
 */
public final class Plan {
    final Op[] ops;
    final int[][] in;
    final int[][] out;
    final Kind[] kinds;
    final Object[] payloads;
    final Shape[] shapes;
    final DType[] dtypes;
    final int[] buffer;
    final Shape[] bufferShapes;
    final DType[] bufferTypes;
    /** For each slot the slot of the parameter whose gradient tensor it is, or -1. */
    final int[] gradientOf;
    final int[] outputs;

    Plan(Recorder r, List<Step> steps, int[] buffer, List<Shape> bufferShapes, List<DType> bufferTypes,
         int[] gradientOf, List<Var> outputs) {
        int n = steps.size();
        this.ops = new Op[n];
        this.in = new int[n][];
        this.out = new int[n][];
        for (int s = 0; s < n; s++) {
            ops[s] = steps.get(s).op();
            in[s] = steps.get(s).in().clone();
            out[s] = steps.get(s).out().clone();
        }
        int slots = r.values.size();
        this.kinds = new Kind[slots];
        this.payloads = new Object[slots];
        this.shapes = new Shape[slots];
        this.dtypes = new DType[slots];
        for (int i = 0; i < slots; i++) {
            Value v = r.values.get(i);
            kinds[i] = v.kind;
            payloads[i] = v.payload;
            shapes[i] = v.var.shape();
            dtypes[i] = v.var.dtype();
        }
        this.buffer = buffer;
        this.bufferShapes = bufferShapes.toArray(new Shape[0]);
        this.bufferTypes = bufferTypes.toArray(new DType[0]);
        this.gradientOf = gradientOf;
        this.outputs = new int[outputs.size()];
        for (int i = 0; i < this.outputs.length; i++) {
            this.outputs[i] = outputs.get(i).slot;
        }
    }

    /** Buffers and argument arrays for replaying this plan on {@code backend}; close it when done. */
    public Arena newArena(Backend backend) {
        return new Arena(this, backend);
    }

    /** The number of steps a replay runs. */
    public int stepCount() {
        return ops.length;
    }

    /** The number of temporary buffers an arena of this plan holds. */
    public int bufferCount() {
        return bufferShapes.length;
    }

    /** Elements held by an arena's temporary buffers, summed. */
    public long bufferElements() {
        long n = 0;
        for (Shape s : bufferShapes) {
            n += s.size();
        }
        return n;
    }

    /** One line per step: {@code op(inputs) -> outputs}, for debugging and tests. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("plan of ").append(ops.length).append(" steps, ")
                .append(bufferShapes.length).append(" buffers\n");
        for (int s = 0; s < ops.length; s++) {
            sb.append("  ").append(ops[s]).append('(');
            for (int i = 0; i < in[s].length; i++) {
                sb.append(i == 0 ? "" : ", ").append('v').append(in[s][i]);
            }
            sb.append(") ->");
            for (int o : out[s]) {
                sb.append(" v").append(o).append(' ').append(shapes[o]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
