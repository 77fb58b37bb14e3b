package dev.nn4j.nn;

import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.List;

/**
 * A fully connected layer {@code y = f(x·W + b)}.
 *
 * <p>Shapes, for a batch of {@code n} samples, {@code in} inputs and {@code out} units:
 * <ul>
 * <li>input {@code x}: {@code [n x in]}, one sample per row</li>
 * <li>weights {@code W}: {@code [in x out]}; bias {@code b}: {@code [1 x out]}</li>
 * <li>pre-activation {@code z = x·W + b} and output {@code y = f(z)}: {@code [n x out]}</li>
 * <li>backward: {@code dy, dz}: {@code [n x out]}; {@code dW = xᵀ·dz}: {@code [in x out]};
 *     {@code db = Σ_rows dz}: {@code [1 x out]}; {@code dx = dz·Wᵀ}: {@code [n x in]}</li>
 * </ul>
 * Transposes are flags to {@code gemm}, never materialised. The buffers {@code z, y, dz, dx}
 * belong to the plan's arena and are allocated once per batch shape; the forward pass costs
 * {@code 2·n·in·out} flops and the backward pass twice that (once without {@code dx}).
 */
public final class Dense implements Layer {

    private final String name;
    private final DenseConfig config;
    private final Activation activation;
    private final Tensor weights;
    private final Tensor bias;
    private final Tensor weightsGradient;
    private final Tensor biasGradient;
    private final List<Parameter> parameters;
    private final Backend backend;
    private final DType dtype;
    private final Shape inputShape;
    private final Shape outputShape;

    /** A layer with zero weights and bias on {@code backend}; see {@link DenseConfig#create}. */
    Dense(String name, DenseConfig config, Backend backend, DType dtype) {
        this.name = name;
        this.config = config;
        this.activation = config.activation();
        this.backend = backend;
        this.dtype = dtype;
        this.inputShape = Shape.of(config.inputSize());
        this.outputShape = Shape.of(config.outputSize());
        int in = config.inputSize();
        int out = config.outputSize();
        this.weights = backend.create(dtype, Shape.matrix(in, out));
        this.bias = backend.create(dtype, Shape.matrix(1, out));
        this.weightsGradient = backend.create(dtype, Shape.matrix(in, out));
        this.biasGradient = backend.create(dtype, Shape.matrix(1, out));
        this.parameters = List.of(new Parameter(name + ".weights", weights, weightsGradient),
                new Parameter(name + ".bias", bias, biasGradient));
    }

    @Override
    public Var forward(Scope scope, Var x) {
        Var[] yz = F.linear(x, scope.param(parameters.get(0)), scope.param(parameters.get(1)), activation);
        scope.notePreActivation(yz[0], yz[1], activation);
        return yz[0];
    }

    @Override
    public void initialize(Initializer initializer, Rng rng) {
        weights.setAll(initializer.weights(rng, inputSize(), outputSize()));
        bias.setAll(initializer.bias(rng, inputSize(), outputSize()));
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
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public DenseConfig config() {
        return config;
    }

    @Override
    public void close() {
        weights.close();
        bias.close();
        weightsGradient.close();
        biasGradient.close();
    }

    @Override
    public String toString() {
        return name + " (" + config + ")";
    }
}
