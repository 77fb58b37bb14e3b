package dev.nn4j.model;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.data.Dataset;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.List;

/**
 * A trainable model as training, evaluation, listeners and the Spark trainer see it: batches in,
 * outputs and a loss out, gradients written into its {@link Parameter}s, an optimizer that
 * updates them. {@link dev.nn4j.nn.Sequential} implements it; these packages depend on this
 * interface rather than on a model class, so {@code nn} can call them without a package cycle.
 *
 * <p><b>Shapes.</b> A batch of {@code n} inputs has {@link #batchShape(int) batchShape(n)}
 * ({@code [n x inputShape...]}); outputs and targets are {@code [n x outputSize]}, except that
 * a loss against class ids takes targets of {@link #targetBatchShape} and {@link #targetDType}.
 *
 * <p><b>Threads.</b> {@link #predict} and {@link #loss} may be called from many threads at once;
 * {@link #computeGradients}, {@link #trainStep}, {@link #seedDropout} and {@link #lastOutput}
 * belong to one training thread at a time (a second one fails fast with
 * {@link IllegalStateException}). After {@link #close()} every use throws
 * {@link IllegalStateException}.
 */
public interface Model extends AutoCloseable {

    /** The outputs {@code [batch x outputSize]} for a batch, as a new tensor the caller owns, in inference mode. Thread-safe. */
    Tensor predict(Tensor x);

    /** The loss of the current parameters on one batch, in inference mode, without gradients. Thread-safe. */
    double loss(Tensor x, Tensor target);

    /** The mean loss per sample over all of {@code data}, in inference mode. Thread-safe. */
    double loss(Dataset data);

    /**
     * Forward in training mode, loss, backward: overwrites every parameter's gradient with
     * dLoss/dParameter and returns the loss (possibly non-finite), without updating the parameters.
     */
    double computeGradients(Tensor x, Tensor target);

    /** {@link #computeGradients}, then one optimizer update; returns the loss before the update. */
    double trainStep(Tensor x, Tensor target);

    /**
     * The output buffer of the latest training-thread forward pass: owned by the model, not a copy,
     * overwritten by the next pass.
     *
     * @throws IllegalStateException before the first forward pass
     */
    Tensor lastOutput();

    /** Every trainable parameter, in a fixed order (the order of the optimizer's state and of model files). */
    List<Parameter> parameters();

    /** Total number of trainable values (the sizes of {@link #parameters()} summed). */
    long parameterCount();

    /** The tensors that are saved but not trained (batch norm's running statistics). */
    List<Parameter> statistics();

    /** What a model file stores: {@link #parameters()}, then {@link #statistics()}. */
    List<Parameter> savedTensors();

    /** The optimizer that {@link #trainStep} applies. */
    Optimizer optimizer();

    /** The backend every tensor of this model lives on. */
    Backend backend();

    /** The element type of every tensor of this model (FLOAT32 or FLOAT64). */
    DType dtype();

    /** The per-sample input shape, e.g. {@code [784]} or {@code [1x28x28]}. */
    Shape inputShape();

    /** The shape of a batch of {@code n} inputs: {@code [n x inputShape...]}. */
    Shape batchShape(int n);

    /** Values per input sample (the product of {@link #inputShape()}). */
    int inputSize();

    /** Values per output sample. */
    int outputSize();

    /** The dtype of input batches: {@link #dtype()}, or INT32 for a model that reads token ids. */
    default DType inputDType() {
        return dtype();
    }

    /** The dtype of target batches: {@link #dtype()}, or INT32 for a loss against class ids. */
    default DType targetDType() {
        return dtype();
    }

    /** The shape of a batch of {@code n} targets: {@code [n x outputSize]}, or {@code [n x steps]} for ids per step. */
    default Shape targetBatchShape(int n) {
        return Shape.matrix(n, outputSize());
    }

    /**
     * Checks that {@code data} has this model's input and output sizes.
     *
     * @throws IllegalArgumentException naming {@code op} and both sizes when they differ
     */
    void checkData(String op, Dataset data);

    /** A new random stream split from the model's generator: deterministic for a given seed and call order. */
    Rng newRandomStream();

    /** Restarts the random stream that dropout masks are drawn from in training, from {@code seed}. */
    void seedDropout(long seed);

    /** A table of the model's parts, their output shapes and parameter counts, with the total. */
    String summary();

    /** Releases the model's tensors; closing again does nothing. */
    @Override
    void close();
}
