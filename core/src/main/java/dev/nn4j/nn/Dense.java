package dev.nn4j.nn;

import dev.nn4j.backend.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.List;

/**
 * A fully connected layer {@code y = f(x·W + b)}.
 *
 * <p>Shapes, for a batch of {@code n} samples, {@code in} inputs and {@code out} units:
 * <ul>
 * <li>input {@code x}: {@code [n x in]}, one sample per row (kept by reference until backward:
 *     do not modify it in between)</li>
 * <li>weights {@code W}: {@code [in x out]}; bias {@code b}: {@code [1 x out]}</li>
 * <li>pre-activation {@code z = x·W + b} and output {@code y = f(z)}: {@code [n x out]}</li>
 * <li>backward: {@code dy, dz}: {@code [n x out]}; {@code dW = xᵀ·dz}: {@code [in x out]};
 *     {@code db = Σ_rows dz}: {@code [1 x out]}; {@code dx = dz·Wᵀ}: {@code [n x in]}</li>
 * </ul>
 * Transposes are flags to {@code gemm}, never materialised. The buffers {@code z, y, dz, dx}
 * are allocated once per batch shape; the forward pass costs {@code 2·n·in·out} flops and the
 * backward pass twice that (once without {@code dx}).
 */
public final class Dense implements Layer {
    private static final int Z = 0;
    private static final int Y = 1;
    private static final int DZ = 2;
    private static final int DX = 3;

    private final String name;
    private final DenseConfig config;
    private final Activation activation;
    private final Tensor weights;
    private final Tensor bias;
    private final Tensor weightsGradient;
    private final Tensor biasGradient;
    private final List<Parameter> parameters;
    private final BufferCache buffers;

    private Tensor x;
    private Tensor[] batch;

    /** A layer with zero weights and bias on {@code backend}; see {@link DenseConfig#create}. */
    Dense(String name, DenseConfig config, Backend backend, DType dtype) {
        this.name = name;
        this.config = config;
        this.activation = config.activation();
        int in = config.inputSize();
        int out = config.outputSize();
        this.weights = backend.create(dtype, Shape.matrix(in, out));
        this.bias = backend.create(dtype, Shape.matrix(1, out));
        this.weightsGradient = backend.create(dtype, Shape.matrix(in, out));
        this.biasGradient = backend.create(dtype, Shape.matrix(1, out));
        this.parameters = List.of(new Parameter(name + ".weights", weights, weightsGradient),
                new Parameter(name + ".bias", bias, biasGradient));
        this.buffers = new BufferCache(input -> new Tensor[] {
            backend.create(dtype, Shape.matrix(input.rows(), out)),
            backend.create(dtype, Shape.matrix(input.rows(), out)),
            backend.create(dtype, Shape.matrix(input.rows(), out)),
            backend.create(dtype, Shape.matrix(input.rows(), in))});
    }

    @Override
    public Tensor forward(Tensor input) {
        checkInput(input);
        x = input;
        batch = buffers.get(input);
        Tensor z = batch[Z];
        Tensor y = batch[Y];
        Ops.gemm(false, false, 1, x, weights, 0, z);   // z = x·W
        Ops.addRowVector(z, bias, z);                  //   + b
        Ops.activation(activation, z, y);              // y = f(z)
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradient) {
        requireForward("backward", gradOutput);
        Tensor dz = batch[DZ];
        Ops.activationBackward(activation, batch[Z], batch[Y], gradOutput, dz);   // dz = f'(z) ⊙ dy
        return backwardFromPreActivation(dz, inputGradient);
    }

    /**
     * The backward pass from dLoss/dz {@code [n x out]} (the gradient with respect to the
     * pre-activation), skipping {@code f'}: a loss fused with the activation (softmax
     * cross-entropy) computes it directly. Fills dW and db; returns dx or {@code null}.
     */
    public Tensor backwardFromPreActivation(Tensor dz, boolean inputGradient) {
        requireForward("backwardFromPreActivation", dz);
        Ops.gemm(true, false, 1, x, dz, 0, weightsGradient);   // dW = xᵀ·dz
        Ops.sumRows(dz, biasGradient);                          // db = Σ_rows dz
        if (!inputGradient) {
            return null;
        }
        Tensor dx = batch[DX];
        Ops.gemm(false, true, 1, dz, weights, 0, dx);           // dx = dz·Wᵀ
        return dx;
    }

    @Override
    public void initialize(Initializer initializer, Rng rng) {
        weights.setAll(initializer.weights(rng, inputSize(), outputSize()));
        bias.setAll(initializer.bias(rng, inputSize(), outputSize()));
    }

    /** The pre-activation {@code z = x·W + b} {@code [n x out]} of the last forward pass (a buffer, not a copy). */
    public Tensor preActivation() {
        if (batch == null) {
            throw new IllegalStateException(name + ": preActivation before forward");
        }
        return batch[Z];
    }

    /** The activation {@code f}. */
    public Activation activation() {
        return activation;
    }

    /** The weights {@code W [in x out]} (the live tensor). */
    public Tensor weights() {
        return weights;
    }

    /** The bias {@code b [1 x out]} (the live tensor). */
    public Tensor bias() {
        return bias;
    }

    /** Name prefix of the parameters, e.g. {@code layer0}. */
    public String name() {
        return name;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public int inputSize() {
        return config.inputSize();
    }

    @Override
    public int outputSize() {
        return config.outputSize();
    }

    @Override
    public DenseConfig config() {
        return config;
    }

    @Override
    public void close() {
        buffers.clear();
        batch = null;
        x = null;
        weights.close();
        bias.close();
        weightsGradient.close();
        biasGradient.close();
    }

    private void checkInput(Tensor input) {
        if (input.rank() != 2 || input.cols() != config.inputSize()) {
            throw new IllegalArgumentException(name + " (" + config + ") forward: input is " + input.shape()
                    + "; expected [batch x " + config.inputSize() + "]");
        }
        if (input.backend() != weights.backend() || input.dtype() != weights.dtype()) {
            throw new IllegalArgumentException(name + " (" + config + ") forward: input is " + input.dtype() + " on "
                    + input.backend().name() + "; the layer is " + weights.dtype() + " on " + weights.backend().name());
        }
    }

    private void requireForward(String op, Tensor grad) {
        if (batch == null) {
            throw new IllegalStateException(name + " (" + config + ") " + op + ": call forward first");
        }
        if (!grad.shape().equals(batch[Z].shape())) {
            throw new IllegalArgumentException(name + " (" + config + ") " + op + ": gradient is " + grad.shape()
                    + "; the last forward pass produced " + batch[Z].shape());
        }
    }

    @Override
    public String toString() {
        return name + " (" + config + ")";
    }
}
