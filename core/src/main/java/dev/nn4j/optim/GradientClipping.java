package dev.nn4j.optim;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.tensor.Ops;
import java.util.List;

/**
 * Clipping by global norm, as PyTorch's {@code clip_grad_norm_}: the L2 norm of every trainable
 * parameter's gradient taken together, {@code ‖g‖ = sqrt(Σ g²)}; when it exceeds {@code maxNorm}
 * every gradient is scaled by {@code maxNorm / (‖g‖ + 1e-6)}, so the step keeps its direction.
 * Cost: one pass over the gradients, and a second when they are scaled. Not thread-safe; run it
 * on the training thread between the backward pass and the optimizer's step.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales the gradients of {@code parameters} (statistics are skipped) so that their global
     * norm is at most {@code maxNorm}; returns the norm before clipping. A non-finite norm (a NaN
     * or infinite gradient) is returned without scaling anything, for the trainer's non-finite
     * policy to see.
     *
     * @throws IllegalArgumentException when {@code maxNorm} is not a positive finite number
     */
    public static double clipByGlobalNorm(List<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("gradient clipping: maxNorm must be a positive finite number, got "
                    + maxNorm);
        }
        double squares = 0;
        for (Parameter p : parameters) {
            if (p.trainable()) {
                squares += Ops.dot(p.gradient(), p.gradient());
            }
        }
        double norm = Math.sqrt(squares);
        if (Double.isFinite(norm) && norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-6);
            for (Parameter p : parameters) {
                if (p.trainable()) {
                    Ops.scale(p.gradient(), scale, p.gradient());
                }
            }
        }
        return norm;
    }
}
