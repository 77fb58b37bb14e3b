package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;

/**
 * {@code L = c · Σ (y − t)²} with gradient {@code dL/dy = 2c · (y − t)}. Two scalings exist:
 * <ul>
 * <li>{@code mse}: {@code c = 1 / (rows · cols)}, the mean over all elements;
 *     {@code dL/dy = 2 (y − t) / (rows · cols)}.</li>
 * <li>{@code squared_error}: {@code c = 0.5 / rows}, half the sum of squares per sample,
 *     averaged over the batch; {@code dL/dy = (y − t) / rows}, so for one sample the
 *     gradient is exactly {@code y − t} (the toy network's {@code error = target − output},
 *     negated).</li>
 * </ul>
 */
final class SquaredErrorLoss extends AbstractLoss {
    private final boolean meanOverElements;

    SquaredErrorLoss(String id, boolean meanOverElements) {
        super(id, 1);
        this.meanOverElements = meanOverElements;
    }

    @Override
    public synchronized double compute(Tensor output, Tensor target, Tensor gradOutput) {
        check("output", output, target, gradOutput);
        double c = meanOverElements ? 1.0 / output.size() : 0.5 / output.rows();
        Tensor error = scratch(output)[0];
        Ops.sub(output, target, error);                  // error = y − t
        double loss = c * Ops.dot(error, error);         // L = c · Σ error²
        if (gradOutput != null) {
            Ops.scale(error, 2 * c, gradOutput);         // dL/dy = 2c · error
        }
        return loss;
    }

    @Override
    public Var record(Var output, Var target) {
        return F.squaredError(output, target, meanOverElements);
    }
}
