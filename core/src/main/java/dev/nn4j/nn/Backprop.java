package dev.nn4j.nn;

import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.List;

/**
 * Forward and backward through a chain of layers and a loss: the part of a training step
 * that a model and a gradient check share. When the loss fuses with the last layer's
 * activation (softmax cross-entropy after softmax), the loss gradient is taken with
 * respect to that layer's pre-activation and the activation's Jacobian is skipped.
 */
final class Backprop {
    private final List<Layer> layers;
    private final Loss loss;
    private final BufferCache lossGradient = new BufferCache(like -> new Tensor[] {Ops.like(like)});
    private Tensor inputGradient;
    private Tensor output;

    Backprop(List<Layer> layers, Loss loss) {
        this.layers = layers;
        this.loss = loss;
    }

    /** Feeds {@code x} through every layer; returns the last layer's output buffer. */
    Tensor forward(Tensor x) {
        Tensor a = x;
        for (int i = 0; i < layers.size(); i++) {
            a = layers.get(i).forward(a);
        }
        output = a;
        return a;
    }

    /** The last layer's output buffer of the latest {@link #forward}; null before the first. */
    Tensor output() {
        return output;
    }

    /** The loss of {@code x} against {@code target}, without gradients. */
    double loss(Tensor x, Tensor target) {
        Tensor y = forward(x);
        Dense fused = fusedLastLayer();
        return fused != null ? loss.computeFromPreActivation(fused.preActivation(), target, null)
                : loss.compute(y, target, null);
    }

    /**
     * Forward, loss, backward: fills every parameter's gradient and returns the loss. With
     * {@code wantInputGradient}, dLoss/dx is kept for {@link #inputGradient()}.
     */
    double lossAndGradients(Tensor x, Tensor target, boolean wantInputGradient) {
        Tensor y = forward(x);                                       // feed forward
        Tensor dy = lossGradient.get(y)[0];
        int last = layers.size() - 1;
        boolean lastNeedsDx = last > 0 || wantInputGradient;
        Dense fused = fusedLastLayer();
        double value;
        Tensor delta;
        if (fused != null) {                                         // error and its gradient
            value = loss.computeFromPreActivation(fused.preActivation(), target, dy);
            delta = fused.backwardFromPreActivation(dy, lastNeedsDx);
        } else {
            value = loss.compute(y, target, dy);
            delta = layers.get(last).backward(dy, lastNeedsDx);
        }
        for (int i = last - 1; i >= 0; i--) {                        // deltas, back to front
            delta = layers.get(i).backward(delta, i > 0 || wantInputGradient);
        }
        inputGradient = wantInputGradient ? delta : null;
        return value;
    }

    /** dLoss/dx of the last {@link #lossAndGradients} call that asked for it. */
    Tensor inputGradient() {
        return inputGradient;
    }

    void close() {
        output = null;
        lossGradient.clear();
    }

    private Dense fusedLastLayer() {
        Layer last = layers.get(layers.size() - 1);
        return last instanceof Dense && loss.fusesWith(((Dense) last).activation()) ? (Dense) last : null;
    }
}
