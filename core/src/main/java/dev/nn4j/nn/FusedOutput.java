package dev.nn4j.nn;

import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Tensor;

/**
 * A layer that ends in an activation a loss can fuse with (softmax cross-entropy after
 * softmax): the loss takes its gradient with respect to the pre-activation and the layer
 * continues the backward pass from there, skipping the activation's Jacobian.
 */
interface FusedOutput extends Layer {
    /** The final activation. */
    Activation activation();

    /** The pre-activation of the last forward pass on {@code state}. */
    Tensor preActivation(LayerState state);

    /** The backward pass from dLoss/dPreActivation. */
    Tensor backwardFromPreActivation(Tensor dz, LayerState state, boolean inputGradient);
}
