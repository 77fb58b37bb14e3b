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
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plans of one chain of layers, recorded once per purpose, mode and batch shape and shared
 * by every executor of the model (plans are immutable; each executor replays them in arenas of
 * its own). Recording runs each layer's {@link Layer#forward(Scope, Var)}, then the loss, then
 * the backward pass; a softmax cross-entropy after a softmax reads the logits, as 0.1 fused it.
 * Thread-safe.
 */
final class ChainRecordings {

    /** What a plan computes. */
    enum Purpose {
        /** The output. */
        FORWARD,
        /** The output and the loss. */
        LOSS,
        /** The output, the loss and every trainable parameter's gradient. */
        GRADIENTS,
        /** As {@link #GRADIENTS}, and the input's gradient. */
        GRADIENTS_AND_INPUT
    }

    /** One recorded plan and the values its callers bind and read. */
    record Entry(Purpose purpose, Mode mode, Shape batch, Plan plan, Var input, Var target, Var output, Var loss,
                 Var inputGradient) {
    }

    private record Key(Purpose purpose, Mode mode, Shape batch) {
    }

    private final List<Layer> layers;
    private final Loss loss;
    private final DType dtype;
    private final int outputSize;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    ChainRecordings(List<Layer> layers, Loss loss, DType dtype) {
        this.layers = layers;
        this.loss = loss;
        this.dtype = dtype;
        this.outputSize = layers.get(layers.size() - 1).outputSize();
    }

    /** The plan for this purpose, mode and batch shape, recorded on first use. */
    Entry get(Purpose purpose, Mode mode, Shape batch) {
        return entries.computeIfAbsent(new Key(purpose, mode, batch), k -> record(purpose, mode, batch));
    }

    private Entry record(Purpose purpose, Mode mode, Shape batch) {
        Recorder r = new Recorder();
        Scope scope = new Scope(r, mode);
        Var x = r.input("input", batch, dtype, purpose == Purpose.GRADIENTS_AND_INPUT);
        Var y = x;
        for (Layer layer : layers) {
            y = layer.forward(scope, y);
        }
        if (purpose == Purpose.FORWARD) {
            return new Entry(purpose, mode, batch, r.plan(List.of(y), null), x, null, y, null, null);
        }
        Var t = r.input("target", Shape.matrix(batch.dim(0), outputSize), dtype, false);
        Scope.PreActivation pre = scope.preActivation(y);
        Var value = pre != null && loss.fusesWith(pre.f()) ? loss.recordFromPreActivation(pre.z(), t)
                : loss.record(y, t);
        if (purpose == Purpose.LOSS) {
            return new Entry(purpose, mode, batch, r.plan(List.of(y, value), null), x, t, y, value, null);
        }
        Grads g = r.backward(value);
        List<Var> outputs = new ArrayList<>(List.of(y, value));
        Var dx = null;
        if (purpose == Purpose.GRADIENTS_AND_INPUT) {
            dx = g.of(x) != null ? g.of(x) : F.zerosLike(x);
            outputs.add(dx);
        }
        return new Entry(purpose, mode, batch, r.plan(outputs, g), x, t, y, value, dx);
    }

}
