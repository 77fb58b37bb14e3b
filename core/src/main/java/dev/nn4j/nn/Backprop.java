package dev.nn4j.nn;

import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.List;

/**
 * One executor of a chain of layers and a loss: a {@link LayerState} per layer, the loss
 * gradient buffer and the last output. Forward and backward through it are the part of a
 * training step that a model and a gradient check share. A model keeps one executor for
 * training and a pool of them for inference, so concurrent predictions never share buffers.
 * When the loss fuses with the last layer's activation (softmax cross-entropy after softmax),
 * the loss gradient is taken with respect to that layer's pre-activation and the activation's
 * Jacobian is skipped. Not thread-safe: one thread uses an executor at a time.
 */
final class Backprop implements AutoCloseable {
    private final List<Layer> layers;
    private final Loss loss;
    private final LayerState[] states;
    private final BufferCache lossGradient = new BufferCache(like -> new Tensor[] {Ops.like(like)});
    private Tensor inputGradient;
    private Tensor output;

    Backprop(List<Layer> layers, Loss loss) {
        this.layers = layers;
        this.loss = loss;
        this.states = new LayerState[layers.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = layers.get(i).newState();
        }
    }

    /** The random stream dropout masks are drawn from in training passes. */
    void rng(Rng rng) {
        for (LayerState s : states) {
            s.rng(rng);
        }
    }

    /** Feeds {@code x} through every layer in {@code mode}; returns the last layer's output buffer. */
    Tensor forward(Tensor x, Mode mode) {
        Tensor a = x;
        for (int i = 0; i < layers.size(); i++) {
            a = layers.get(i).forward(a, states[i], mode);
        }
        output = a;
        return a;
    }

    /** The last layer's output buffer of the latest {@link #forward}; null before the first. */
    Tensor output() {
        return output;
    }

    /** The loss of {@code x} against {@code target} in {@code mode}, without gradients. */
    double loss(Tensor x, Tensor target, Mode mode) {
        Tensor y = forward(x, mode);
        FusedOutput fused = fusedLastLayer();
        return fused != null ? loss.computeFromPreActivation(fused.preActivation(lastState()), target, null)
                : loss.compute(y, target, null);
    }

    /**
     * Forward in training mode, loss, backward: fills every parameter's gradient and returns
     * the loss. With {@code wantInputGradient}, dLoss/dx is kept for {@link #inputGradient()}.
     */
    double lossAndGradients(Tensor x, Tensor target, boolean wantInputGradient) {
        Tensor y = forward(x, Mode.TRAINING);                       // feed forward
        Tensor dy = lossGradient.get(y)[0];
        int last = layers.size() - 1;
        boolean lastNeedsDx = last > 0 || wantInputGradient;
        FusedOutput fused = fusedLastLayer();
        double value;
        Tensor delta;
        if (fused != null) {                                         // error and its gradient
            value = loss.computeFromPreActivation(fused.preActivation(lastState()), target, dy);
            delta = fused.backwardFromPreActivation(dy, lastState(), lastNeedsDx);
        } else {
            value = loss.compute(y, target, dy);
            delta = layers.get(last).backward(dy, lastState(), lastNeedsDx);
        }
        for (int i = last - 1; i >= 0; i--) {                        // deltas, back to front
            delta = layers.get(i).backward(delta, states[i], i > 0 || wantInputGradient);
        }
        inputGradient = wantInputGradient ? delta : null;
        return value;
    }

    /** dLoss/dx of the last {@link #lossAndGradients} call that asked for it. */
    Tensor inputGradient() {
        return inputGradient;
    }

    @Override
    public void close() {
        output = null;
        inputGradient = null;
        lossGradient.clear();
        for (LayerState s : states) {
            s.close();
        }
    }

    private LayerState lastState() {
        return states[states.length - 1];
    }

    private FusedOutput fusedLastLayer() {
        Layer last = layers.get(layers.size() - 1);
        return last instanceof FusedOutput f && loss.fusesWith(f.activation()) ? f : null;
    }
}
