package dev.nn4j.nn;

import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A feed-forward model: layers applied in order, a loss and an optimizer, on one backend
 * and dtype. Built with {@link #builder()}:
 * <pre>{@code
 * Sequential model = Sequential.builder()
 *         .input(1, 28, 28)                                   // or .input(784) for flat data
 *         .conv2d(32, 3, Padding.same(), Activation.RELU)
 *         .maxPool(2)
 *         .flatten()
 *         .dense(10, Activation.SOFTMAX)
 *         .loss(Losses.softmaxCrossEntropy())
 *         .optimizer(new Adam(1e-3))
 *         .build();
 * }</pre>
 * Tensors carry a batch dimension before the per-sample shape: {@code [batch x 784]} for flat
 * inputs, {@code [batch x 1 x 28 x 28]} for images (NCHW). The output is flat,
 * {@code [batch x outputSize]}. One training step ({@link #trainStep}) is: feed forward in
 * training mode, error, gradients back to front, optimizer update. A {@code Sequential} is the
 * {@link GraphModel} of a chain: an input called {@code input}, then nodes {@code layer0},
 * {@code layer1}, ...; everything but the builder, {@link #layers()} and the 0.1 forms of
 * {@link #summary()} and {@link #toString()} is {@link GraphModel}'s.
 *
 * <p>Parameters are named {@code layer<i>.<name>} (e.g. {@code layer0.weights},
 * {@code layer2.gamma}) and listed in layer order ({@link #parameters()}); statistics that are
 * saved but not trained (batch norm's running mean and variance) are in {@link #statistics()}.
 *
 * <p><b>Threads.</b> {@link #predict} (every overload), {@link #loss(Tensor, Tensor)},
 * {@link #loss(Dataset)} and the evaluation in {@code dev.nn4j.eval} may be called from many
 * threads at once: each call borrows an executor (its own buffers) from a pool, and inference
 * only reads the parameters. Training ({@link #fit}, {@link #trainStep},
 * {@link #computeGradients}) runs on one thread at a time: a second thread that tries to train
 * gets an {@link IllegalStateException}, and so does a prediction from another thread while a
 * training step or a {@code fit} runs (it would read half-updated weights); predictions from the
 * training thread itself (listeners, validation) are fine. {@link #forward} and
 * {@link #lastOutput} use the training executor and belong to the training thread.
 * {@link #close()} releases the tensors; afterwards every prediction, loss, forward pass and
 * training call throws {@link IllegalStateException} ("the model is closed"), on every backend.
 */
public final class Sequential extends GraphModel {
    private final List<Layer> layers;

    private Sequential(Builder b, List<Layer> layers) {
        super(Graph.chain(layers, b.loss), new Settings(b.optimizer, b.initializer, b.seed, b.backend,
                b.backendReason, b.dtype));
        this.layers = Collections.unmodifiableList(layers);
    }

    /** A new builder; see the class description. */
    public static Builder builder() {
        return new Builder();
    }

    /** As {@link GraphModel#checkFiniteInputs(boolean)}; returns this model. */
    @Override
    public Sequential checkFiniteInputs(boolean check) {
        super.checkFiniteInputs(check);
        return this;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The architecture: one config per layer, in order. */
    public List<LayerConfig> layerConfigs() {
        List<LayerConfig> out = new ArrayList<>();
        for (Layer layer : layers) {
            out.add(layer.config());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * A table of layers, their output shapes and parameter counts with the total, as Keras'
     * {@code model.summary()}:
     * <pre>
     * layer    type        output shape   parameters
     * layer0   conv2d      [32x28x28]            288
     * ...
     * total: 421,642 parameters (421,514 trainable, 128 statistics)
     * </pre>
     */
    @Override
    public String summary() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"layer", "type", "output shape", "parameters"});
        rows.add(new String[] {"input", "", inputShape().toString(), ""});
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            rows.add(new String[] {"layer" + i, l.config().type(), l.outputShape().toString(),
                String.format(java.util.Locale.ROOT, "%,d", storedCount(l))});
        }
        return table(rows);
    }

    /** A description: one line per layer, the loss, the optimizer, dtype, and the backend with why it was chosen. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential (").append(parameterCount()).append(" parameters, ")
                .append(dtype()).append(" on ").append(backend().name()).append(", input ").append(inputShape())
                .append(")\n");
        for (int i = 0; i < layers.size(); i++) {
            sb.append("  layer").append(i).append(": ").append(layers.get(i).config()).append('\n');
        }
        return sb.append("  loss ").append(lossFunction().id()).append(", optimizer ").append(optimizer())
                .append(", initializer ").append(initializer().id()).append(", seed ").append(seed())
                .append("\n  backend ").append(backend().name()).append(": ").append(backendReason()).toString();
    }

    /**
     * Collects a model's settings. Required: {@link #input}, at least one layer, {@link #loss},
     * {@link #optimizer}. Optional: {@link #initializer} (XAVIER), {@link #seed} (42),
     * {@link #backend} ({@link Backends#get()}), {@link #dtype} (FLOAT32). A hyper-parameter that
     * is impossible on its own (a stride of 0, a dropout rate of 1) throws at once; a layer whose
     * input does not fit throws from {@link #build()}, naming its index, its type and both shapes.
     */
    public static final class Builder {
        /** Seed used when none is set. */
        public static final long DEFAULT_SEED = 42;

        private Shape input;
        private final List<Object> layerSpecs = new ArrayList<>();
        private Loss loss;
        private Optimizer optimizer;
        private Initializer initializer = Initializer.XAVIER;
        private long seed = DEFAULT_SEED;
        private Backend backend;
        private String backendReason = "set on the model builder";
        private DType dtype = DType.FLOAT32;

        private Builder() {
        }

        /** Values per flat input sample, at least 1: the same as {@code input(new int[] {size})}. */
        public Builder input(int size) {
            return input(new int[] {size});
        }

        /**
         * The per-sample input shape: {@code input(784)} for flat samples, {@code input(1, 28, 28)}
         * for images (channels, height, width); every dimension at least 1, at most 3 of them.
         */
        public Builder input(int... shape) {
            if (shape.length < 1 || shape.length > 3) {
                throw new IllegalArgumentException("model builder: input shape must have 1 to 3 dimensions"
                        + " ([features] or [channels, height, width]), got " + java.util.Arrays.toString(shape));
            }
            for (int d : shape) {
                if (d < 1) {
                    throw new IllegalArgumentException("model builder: input " + (shape.length == 1 ? "size" : "shape")
                            + " must be >= 1, got " + (shape.length == 1 ? String.valueOf(shape[0])
                            : java.util.Arrays.toString(shape)));
                }
            }
            this.input = Shape.of(shape);
            return this;
        }

        /** Appends a fully connected layer with {@code units >= 1} outputs and activation {@code f}; its input must be flat. */
        public Builder dense(int units, Activation f) {
            String which = "layer" + layerSpecs.size() + " (dense)";
            if (units < 1) {
                throw new IllegalArgumentException("model builder: " + which + ": units must be >= 1, got " + units);
            }
            Objects.requireNonNull(f, "model builder: " + which + ": activation");
            layerSpecs.add(new DenseSpec(units, f));
            return this;
        }

        /** Appends a convolution of {@code filters} square {@code kernel x kernel} kernels, stride 1, with bias; see {@link Conv2DConfig}. */
        public Builder conv2d(int filters, int kernel, Padding padding, Activation f) {
            return layer(() -> Conv2DConfig.of(filters, kernel, padding, f));
        }

        /** Appends max pooling with a {@code size x size} window and stride {@code size}. */
        public Builder maxPool(int size) {
            return layer(() -> MaxPool2DConfig.of(size));
        }

        /** Appends average pooling with a {@code size x size} window and stride {@code size}. */
        public Builder avgPool(int size) {
            return layer(() -> AvgPool2DConfig.of(size));
        }

        /** Appends global average pooling ({@code [C, H, W] -> [C]}). */
        public Builder globalAvgPool() {
            return layer(new GlobalAvgPool2DConfig());
        }

        /** Appends a flatten layer ({@code [C, H, W] -> [C·H·W]}). */
        public Builder flatten() {
            return layer(new FlattenConfig());
        }

        /** Appends inverted dropout with drop probability {@code rate} in {@code [0, 1)}. */
        public Builder dropout(double rate) {
            return layer(() -> new DropoutConfig(rate));
        }

        /** Appends batch normalisation with PyTorch's defaults (eps 1e-5, momentum 0.1). */
        public Builder batchNorm() {
            return layer(new BatchNormConfig());
        }

        /** Appends a standalone activation layer. */
        public Builder activation(Activation f) {
            return layer(() -> new ActivationConfig(f));
        }

        /** Appends a layer from its config (any type, also to rebuild a saved model); its input must fit the previous output. */
        public Builder layer(LayerConfig config) {
            Objects.requireNonNull(config, "model builder: layer" + layerSpecs.size() + ": config");
            layerSpecs.add(config);
            return this;
        }

        private Builder layer(java.util.function.Supplier<LayerConfig> config) {
            try {
                return layer(config.get());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("model builder: layer" + layerSpecs.size() + ": " + e.getMessage(), e);
            }
        }

        /** The loss (required); give each model its own instance. */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "model builder: loss");
            return this;
        }

        /** The optimizer (required); give each model its own instance. */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "model builder: optimizer");
            return this;
        }

        /** How initial parameters are drawn (default XAVIER). */
        public Builder initializer(Initializer initializer) {
            this.initializer = Objects.requireNonNull(initializer, "model builder: initializer");
            return this;
        }

        /** Seed of the initial parameters, of dropout masks and of shuffling (default {@value #DEFAULT_SEED}). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The backend (default {@link Backends#get()}, resolved at {@link #build()}). */
        public Builder backend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "model builder: backend");
            this.backendReason = "set on the model builder";
            return this;
        }

        /**
         * The element type (default FLOAT32; FLOAT64 for gradient checks). A model computes in
         * floating point: INT32 and INT64 throw {@link IllegalArgumentException}.
         */
        public Builder dtype(DType dtype) {
            Objects.requireNonNull(dtype, "model builder: dtype");
            if (!dtype.isFloating()) {
                throw new IllegalArgumentException("model builder: dtype " + dtype
                        + " is not a floating type; a model's dtype is FLOAT32 or FLOAT64");
            }
            this.dtype = dtype;
            return this;
        }

        /** Validates the settings and the shapes, allocates the layers and draws the initial parameters. */
        public Sequential build() {
            if (layerSpecs.isEmpty()) {
                throw new IllegalStateException("model builder: no layers; add at least one, e.g. dense(1, Activation.SIGMOID)");
            }
            Shape in = inputShape();
            List<LayerConfig> configs = resolve(in);
            if (loss == null) {
                throw new IllegalStateException("model builder: loss is required, e.g. loss(Losses.mse())");
            }
            if (optimizer == null) {
                throw new IllegalStateException("model builder: optimizer is required, e.g. optimizer(new Sgd(0.1))");
            }
            int lastIndex = configs.size() - 1;
            LayerConfig last = configs.get(lastIndex);
            Activation out = last instanceof DenseConfig d ? d.activation()
                    : last instanceof ActivationConfig a ? a.activation() : null;
            if (out != null && !loss.acceptsOutputActivation(out)) {
                throw new IllegalStateException("model builder: loss " + loss.id() + " needs "
                        + loss.outputRequirement() + "; layer" + lastIndex + " (" + last + ") uses " + out.id());
            }
            if (backend == null) {
                backendReason = "default, " + Backends.reason();
                backend = Backends.get();
            }
            List<Layer> layers = new ArrayList<>();
            Shape shape = in;
            try {
                for (int i = 0; i < configs.size(); i++) {
                    Layer layer = configs.get(i).create("layer" + i, shape, backend, dtype);
                    layers.add(layer);
                    shape = layer.outputShape();
                }
            } catch (RuntimeException e) {
                for (Layer l : layers) {
                    l.close();
                }
                throw e;
            }
            return new Sequential(this, layers);
        }

        /**
         * The values each layer will keep (parameters and statistics, what a model file stores),
         * found by the same shape inference as {@link #build()} but without allocating anything:
         * a model file's loader compares their sum with the values the file holds before it
         * builds. {@link Long#MAX_VALUE} for a layer whose count does not fit a long.
         *
         * @throws IllegalStateException as {@link #build()} does when there are no layers, no
         *     input shape, or a layer whose input does not fit
         */
        public long[] storedValuesPerLayer() {
            if (layerSpecs.isEmpty()) {
                throw new IllegalStateException("model builder: no layers; add at least one, e.g. dense(1, Activation.SIGMOID)");
            }
            Shape shape = inputShape();
            List<LayerConfig> configs = resolve(shape);
            long[] values = new long[configs.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = configs.get(i).storedValues(shape);
                shape = configs.get(i).outputShape(shape);
            }
            return values;
        }

        private Shape inputShape() {
            if (input != null) {
                return input;
            }
            if (layerSpecs.get(0) instanceof DenseConfig d) {
                return Shape.of(d.inputSize());
            }
            throw new IllegalStateException("model builder: input shape is not set; call input(n) or input(c, h, w) first");
        }

        private List<LayerConfig> resolve(Shape in) {
            List<LayerConfig> configs = new ArrayList<>();
            Shape shape = in;
            for (int i = 0; i < layerSpecs.size(); i++) {
                Object spec = layerSpecs.get(i);
                LayerConfig c;
                if (spec instanceof DenseSpec d) {
                    if (shape.rank() != 1) {
                        throw new IllegalStateException("model builder: layer" + i + " (dense) takes flat samples [features]"
                                + " but gets " + shape + "; add flatten() before it");
                    }
                    c = new DenseConfig(shape.size(), d.units, d.activation);
                } else {
                    c = (LayerConfig) spec;
                }
                try {
                    shape = c.outputShape(shape);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("model builder: layer" + i + " (" + c.type() + "): " + e.getMessage(), e);
                }
                configs.add(c);
            }
            if (shape.rank() != 1) {
                throw new IllegalStateException("model builder: the last layer gives " + shape
                        + " per sample; the output must be flat, so add flatten() (and a dense layer) at the end");
            }
            return configs;
        }

        private record DenseSpec(int units, Activation activation) {
        }
    }
}
