package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Grads;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Plan;
import dev.nn4j.autodiff.Recorder;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plans of one {@link Graph}, recorded once per purpose, mode and input batch shapes and
 * shared by every executor of the model (plans are immutable; each executor replays them in
 * arenas of its own). Recording runs each layer's {@link Layer#forward(Scope, List)} in
 * topological order, then each output's loss (summed), then the backward pass; a softmax
 * cross-entropy after a softmax reads the logits, as 0.1 fused it. Gradients meeting at a
 * value read by several layers are summed in recording order, so a graph gives the same bits
 * on every run. Thread-safe.
 */
final class GraphRecordings {

    /** What a plan computes. */
    enum Purpose {
        /** The outputs. */
        FORWARD,
        /** The outputs and the loss. */
        LOSS,
        /** The outputs, the loss and every trainable parameter's gradient. */
        GRADIENTS,
        /** As {@link #GRADIENTS}, and every input's gradient. */
        GRADIENTS_AND_INPUT
    }

    /** One recorded plan and the values its callers bind and read. */
    record Entry(Purpose purpose, Mode mode, Shape[] batches, Plan plan, Var[] inputs, Var[] targets, Var[] outputs,
                 Var loss, Var[] inputGradients) {

        /** Whether this entry was recorded for these input tensors' shapes. */
        boolean fits(Purpose p, Mode m, dev.nn4j.tensor.Tensor[] xs) {
            if (purpose != p || mode != m) {
                return false;
            }
            for (int i = 0; i < batches.length; i++) {
                if (!batches[i].equals(xs[i].shape())) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Key(Purpose purpose, Mode mode, List<Shape> batches) {
    }

    private final Graph graph;
    private final DType dtype;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    GraphRecordings(Graph graph, DType dtype) {
        this.graph = graph;
        this.dtype = dtype;
    }

    /** The graph these plans run. */
    Graph graph() {
        return graph;
    }

    /** The plan for this purpose, mode and input batch shapes, recorded on first use. */
    Entry get(Purpose purpose, Mode mode, Shape[] batches) {
        return entries.computeIfAbsent(new Key(purpose, mode, List.of(batches)), k -> record(purpose, mode, batches));
    }

    private Entry record(Purpose purpose, Mode mode, Shape[] batches) {
        Recorder r = new Recorder();
        Scope scope = new Scope(r, mode);
        int n = graph.inputNames().size();
        Var[] values = new Var[n + graph.layers().size()];
        for (int i = 0; i < n; i++) {
            DType type = graph.inputDType(i, dtype);
            values[i] = r.input(graph.inputNames().get(i), batches[i], type,
                    purpose == Purpose.GRADIENTS_AND_INPUT && type.isFloating());
        }
        for (int l = 0; l < graph.layers().size(); l++) {
            int[] from = graph.layerInputs().get(l);
            Layer layer = graph.layers().get(l);
            values[n + l] = from.length == 1 ? layer.forward(scope, values[from[0]])
                    : layer.forward(scope, inputsOf(values, from));
        }
        Var[] xs = Arrays.copyOf(values, n);
        int outs = graph.outputs().length;
        Var[] ys = new Var[outs];
        for (int o = 0; o < outs; o++) {
            ys[o] = values[graph.outputs()[o]];
        }
        if (purpose == Purpose.FORWARD) {
            return new Entry(purpose, mode, batches, r.plan(List.of(ys), null), xs, null, ys, null, null);
        }
        int rows = batches[0].dim(0);
        Var[] ts = new Var[outs];
        Var value = null;
        for (int o = 0; o < outs; o++) {
            Loss loss = graph.losses().get(o);
            ts[o] = r.input(outs == 1 ? "target" : "target " + graph.name(graph.outputs()[o]),
                    graph.targetBatch(o, rows), loss.targetDType(dtype), false);
            Scope.PreActivation pre = scope.preActivation(ys[o]);
            Var part = pre != null && loss.fusesWith(pre.f()) ? loss.recordFromPreActivation(pre.z(), ts[o])
                    : loss.record(ys[o], ts[o]);
            value = value == null ? part : F.add(value, part);
        }
        List<Var> planned = new ArrayList<>(List.of(ys));
        planned.add(value);
        if (purpose == Purpose.LOSS) {
            return new Entry(purpose, mode, batches, r.plan(planned, null), xs, ts, ys, value, null);
        }
        Grads g = r.backward(value);
        Var[] dxs = null;
        if (purpose == Purpose.GRADIENTS_AND_INPUT) {
            dxs = new Var[n];
            for (int i = 0; i < n; i++) {
                dxs[i] = g.of(xs[i]) != null ? g.of(xs[i]) : F.zerosLike(xs[i]);
                planned.add(dxs[i]);
            }
        }
        return new Entry(purpose, mode, batches, r.plan(planned, g), xs, ts, ys, value, dxs);
    }

    private static List<Var> inputsOf(Var[] values, int[] from) {
        List<Var> in = new ArrayList<>(from.length);
        for (int v : from) {
            in.add(values[v]);
        }
        return in;
    }
}
