package dev.nn4j.nn;

import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;

/**
 * A loss: one number that says how far a batch of outputs is from its targets, and its
 * gradient with respect to the outputs. Outputs and targets are {@code [batch x size]} unless
 * the loss says otherwise ({@link #targetShape}, {@link #targetDType}: a token-level
 * cross-entropy takes logits {@code [batch x steps x classes]} and INT32 ids {@code [batch x steps]});
 * the loss is averaged over the batch so the learning rate does not depend on batch size.
 *
 * <p>Instances keep scratch tensors per batch shape (allocated once, reused), so use one
 * instance per model; they are not thread-safe. A non-finite output gives a non-finite loss;
 * the training loop decides what to do about it. Create losses with {@link Losses}.
 */
public interface Loss {

    /** The name in model files, e.g. {@code mse}; {@link Losses#parse(String)} reads it back. */
    String id();

    /**
     * The per-sample shape of the targets for an output of per-sample shape {@code output}. The
     * default takes flat outputs only and gives the same shape.
     *
     * @throws IllegalArgumentException when the loss cannot take an output of this shape, saying what it needs
     */
    default Shape targetShape(Shape output) {
        if (output.rank() != 1) {
            throw new IllegalArgumentException("loss " + id() + " needs a flat output [values] per sample, got "
                    + output + "; add a flatten (and a dense layer) at the end");
        }
        return output;
    }

    /** The dtype of the targets in a model of floating dtype {@code model}: {@code model} unless the targets are ids. */
    default DType targetDType(DType model) {
        return model;
    }

    /**
     * The loss of {@code output} against {@code target} (same shape), and, when
     * {@code gradOutput} is not null, dLoss/dOutput written into it (same shape again).
     */
    double compute(Tensor output, Tensor target, Tensor gradOutput);

    /**
     * True when this loss computes the gradient with respect to the pre-activation of a
     * final layer with activation {@code f} directly ({@link #computeFromPreActivation}),
     * bypassing {@code f'}; models then call that instead of {@link #compute}.
     */
    default boolean fusesWith(Activation f) {
        return false;
    }

    /**
     * The loss given the final layer's pre-activation {@code z} (e.g. logits), and, when
     * {@code gradZ} is not null, dLoss/dz written into it. Only for activations where
     * {@link #fusesWith} is true.
     */
    default double computeFromPreActivation(Tensor z, Tensor target, Tensor gradZ) {
        throw new UnsupportedOperationException("loss " + id() + " does not fuse with an activation");
    }

    /** Whether the loss makes sense after a final layer with activation {@code f}; see {@link #outputRequirement()}. */
    default boolean acceptsOutputActivation(Activation f) {
        return true;
    }

    /** What {@link #acceptsOutputActivation} requires, in words, for error messages. */
    default String outputRequirement() {
        return "any output activation";
    }

    /**
     * Records this loss of {@code output} against {@code target} ({@code [batch x values]}, one
     * dtype) as a rank-0 FLOAT64 value whose gradient {@link dev.nn4j.autodiff.Recorder#backward}
     * derives. The default refuses: a loss of your own implements it with
     * {@link dev.nn4j.autodiff.F}'s functions to take part in training.
     */
    default Var record(Var output, Var target) {
        throw new UnsupportedOperationException("loss " + id() + " cannot be recorded: implement Loss.record with "
                + "dev.nn4j.autodiff.F's functions");
    }

    /** {@link #record} from the pre-activation {@code z} of an activation this loss {@link #fusesWith}. */
    default Var recordFromPreActivation(Var z, Var target) {
        throw new UnsupportedOperationException("loss " + id() + " does not fuse with an activation");
    }
}
