package dev.nn4j.autodiff;

import dev.nn4j.autodiff.Recorder.Kind;
import dev.nn4j.autodiff.Recorder.Step;
import dev.nn4j.autodiff.Recorder.Value;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a recording into a {@link Plan}: binds parameter gradients to the parameters' gradient
 * tensors, drops steps nothing needs, and gives every temporary a buffer by liveness (a value
 * lives from its step to its last reader; a buffer freed by one value is taken by the next value
 * of the same shape and dtype, never by an output of the step that last reads it).
 */
final class Planner {
    private Planner() {
    }

    static Plan plan(Recorder r, List<Var> outputs, Grads grads) {
        int[] gradientOf = gradientTargets(r, grads);            // slot → parameter value index, or -1
        int slots = r.values.size();
        boolean[] needed = new boolean[slots];
        for (Var v : outputs) {
            if (v.recorder != r) {
                throw new IllegalArgumentException("plan: output " + v + " belongs to another recording");
            }
            needed[v.slot] = true;
        }
        for (int s = 0; s < slots; s++) {
            needed[s] |= gradientOf[s] >= 0;
        }
        List<Step> all = r.steps;
        boolean[] keep = new boolean[all.size()];
        for (int s = all.size() - 1; s >= 0; s--) {
            Step step = all.get(s);
            boolean k = step.op().hasSideEffects();
            for (int o : step.out()) {
                k |= needed[o];
            }
            if (k) {
                keep[s] = true;
                for (int i : step.in()) {
                    needed[i] = true;
                }
            }
        }
        List<Step> kept = new ArrayList<>();
        for (int s = 0; s < all.size(); s++) {
            if (keep[s]) {
                kept.add(all.get(s));
            }
        }
        int end = kept.size();
        int[] lastUse = new int[slots];
        Arrays.fill(lastUse, -1);
        for (int s = 0; s < end; s++) {
            for (int i : kept.get(s).in()) {
                lastUse[i] = s;
            }
        }
        for (Var v : outputs) {
            lastUse[v.slot] = end;
        }
        for (int s = 0; s < slots; s++) {
            if (gradientOf[s] >= 0) {
                lastUse[s] = end;
            }
        }
        // buffers by liveness: exact shape and dtype, so any backend can hold them without views
        int[] buffer = new int[slots];
        Arrays.fill(buffer, -1);
        List<Shape> bufferShapes = new ArrayList<>();
        List<DType> bufferTypes = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        for (int s = 0; s < end; s++) {
            Step step = kept.get(s);
            for (int o : step.out()) {
                if (gradientOf[o] >= 0) {
                    continue;
                }
                Var v = r.values.get(o).var;
                int b = -1;
                for (int f = 0; f < free.size(); f++) {
                    int candidate = free.get(f);
                    if (bufferTypes.get(candidate) == v.dtype() && bufferShapes.get(candidate).equals(v.shape())) {
                        b = candidate;
                        free.remove(f);
                        break;
                    }
                }
                if (b < 0) {
                    b = bufferShapes.size();
                    bufferShapes.add(v.shape());
                    bufferTypes.add(v.dtype());
                }
                buffer[o] = b;
            }
            for (int i : step.in()) {
                if (lastUse[i] == s && buffer[i] >= 0 && !free.contains(buffer[i])) {
                    free.add(buffer[i]);
                }
            }
            for (int o : step.out()) {
                if (lastUse[o] < 0 && buffer[o] >= 0 && !free.contains(buffer[o])) {
                    free.add(buffer[o]);                           // written, never read (a fused op's extra output)
                }
            }
        }
        return new Plan(r, kept, buffer, bufferShapes, bufferTypes, gradientOf, outputs);
    }

    /**
     * For each trainable parameter of the recording, the slot whose value becomes its gradient
     * tensor: its gradient's own slot when a step writes it and no other parameter claimed it,
     * else a copy (or zeros, when no gradient reached it) recorded here.
     */
    private static int[] gradientTargets(Recorder r, Grads grads) {
        List<int[]> pairs = new ArrayList<>();
        if (grads != null) {
            List<Value> params = new ArrayList<>();
            for (Value v : r.values) {
                if (v.kind == Kind.PARAMETER && v.var.requiresGrad()) {
                    params.add(v);
                }
            }
            List<Integer> claimed = new ArrayList<>();
            for (Value p : params) {
                Var g = grads.of(p.var);
                Var target;
                if (g == null) {
                    target = r.record(new FillOps.Zeros(p.var.shape(), p.var.dtype()))[0];
                } else if (r.values.get(g.slot).kind == Kind.TEMP && !claimed.contains(g.slot)) {
                    target = g;
                } else {
                    target = r.record(new FillOps.Copy(), g)[0];
                }
                claimed.add(target.slot);
                pairs.add(new int[] {target.slot, p.var.slot});
            }
        }
        int[] gradientOf = new int[r.values.size()];
        Arrays.fill(gradientOf, -1);
        for (int[] pair : pairs) {
            gradientOf[pair[0]] = pair[1];
        }
        return gradientOf;
    }
}
