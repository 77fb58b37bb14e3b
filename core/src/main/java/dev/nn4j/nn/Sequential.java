package dev.nn4j.nn;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.data.FiniteCheck;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import dev.nn4j.train.Trainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A feed-forward model: layers applied in order, a loss and an optimizer, on one backend
 * and dtype. Built with {@link #builder()}:
 * <pre>{@code
 * Sequential model = Sequential.builder()
 *         .input(2)
 *         .dense(4, Activation.SIGMOID)
 *         .dense(1, Activation.SIGMOID)
 *         .loss(Losses.mse())
 *         .optimizer(new Sgd(0.1))
 *         .seed(42)
 *         .build();
 * }</pre>
 * One training step ({@link #trainStep}) is: feed forward, error, gradients back to front,
 * optimizer update. Inputs are {@code [batch x inputSize]}, outputs
 * {@code [batch x outputSize]}, one sample per row.
 *
 * <p>Parameters are named {@code layer<i>.weights} and {@code layer<i>.bias} and listed in
 * layer order ({@link #parameters()}); with {@link #layerConfigs()} that is all a model file
 * needs: rebuild with {@link Builder#layer(LayerConfig)} and {@link Parameter#set(double[])}.
 * Not thread-safe; {@link #close()} releases the tensors.
 */
public final class Sequential implements AutoCloseable {
    /** Rows per chunk when {@link #loss(Dataset)} walks a dataset. */
    static final int EVAL_CHUNK = 256;

    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Initializer initializer;
    private final long seed;
    private final Backend backend;
    private final DType dtype;
    private final Rng rng;
    private final Backprop backprop;
    private volatile boolean checkFiniteInputs;

    private Sequential(Builder b, List<Layer> layers) {
        this.layers = Collections.unmodifiableList(layers);
        List<Parameter> ps = new ArrayList<>();
        for (Layer layer : layers) {
            ps.addAll(layer.parameters());
        }
        this.parameters = Collections.unmodifiableList(ps);
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.initializer = b.initializer;
        this.seed = b.seed;
        this.backend = b.backend;
        this.dtype = b.dtype;
        this.rng = new Rng(seed);
        for (Layer layer : layers) {
            layer.initialize(initializer, rng);
        }
        this.backprop = new Backprop(this.layers, loss);
    }

    /** A new builder; see the class description. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- the learning step ----

    /**
     * Feeds {@code x [batch x inputSize]} forward and returns the output buffer
     * {@code [batch x outputSize]}, owned by the last layer and overwritten by the next call
     * with the same batch size. {@link #predict(Tensor)} returns a copy instead.
     */
    public Tensor forward(Tensor x) {
        return backprop.forward(checkInput("forward", x));
    }

    /**
     * The output buffer {@code [batch x outputSize]} of the latest forward pass, by any of
     * {@link #forward}, {@link #computeGradients}, {@link #trainStep} or {@link #loss}: not a
     * copy, overwritten by the next pass. Lets the training loop score a batch's predictions
     * without a second forward pass.
     *
     * @throws IllegalStateException before the first forward pass
     */
    public Tensor lastOutput() {
        Tensor out = backprop.output();
        if (out == null) {
            throw new IllegalStateException("model lastOutput: no forward pass has run yet");
        }
        return out;
    }

    /**
     * Forward, loss, backward: writes dLoss/dParameter into every parameter's gradient and
     * returns the loss (possibly non-finite), without updating anything.
     */
    public double computeGradients(Tensor x, Tensor target) {
        return backprop.lossAndGradients(checkInput("computeGradients", x), checkTarget("computeGradients", x, target),
                false);
    }

    /** One learning step on a batch: {@link #computeGradients}, then an optimizer update. Returns the loss before the update. */
    public double trainStep(Tensor x, Tensor target) {
        double value = computeGradients(x, target);   // forward, error, backward
        optimizer.step(parameters);                   // update
        return value;
    }

    /** Trains on {@code data} as {@code config} says; see {@link Trainer}. */
    public History fit(Dataset data, FitConfig config) {
        return Trainer.fit(this, data, config);
    }

    // ---- evaluation ----

    /** The loss of the current parameters on a batch, without gradients. */
    public double loss(Tensor x, Tensor target) {
        return backprop.loss(checkInput("loss", x), checkTarget("loss", x, target));
    }

    /** The mean loss per sample over all of {@code data}, in chunks of {@value #EVAL_CHUNK} rows. */
    public double loss(Dataset data) {
        checkData("loss", data);
        int n = data.size();
        int chunk = Math.min(n, EVAL_CHUNK);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] xs = new float[chunk * data.featureCount()];
        float[] ys = new float[chunk * data.targetCount()];
        double sum = 0;
        for (int start = 0; start < n; start += chunk) {
            int rows = Math.min(chunk, n - start);
            try (Tensor x = backend.create(dtype, Shape.matrix(rows, inputSize()));
                 Tensor y = backend.create(dtype, Shape.matrix(rows, outputSize()))) {
                data.fillBatch(order, start, x, y, xs, ys);
                sum += loss(x, y) * rows;
            }
        }
        return sum / n;
    }

    /**
     * Makes every {@code predict} overload check its input for NaN and infinities first and
     * throw {@link dev.nn4j.data.NonFiniteInputException} with the row and column (default off).
     * The check is one read of the input: for the {@code double[]} overloads a loop over values
     * the call copies anyway (a few percent of a small MLP's forward pass); for a tensor, a copy
     * to the host (on ND4J a native-to-Java transfer), which is why it is off by default. A
     * non-finite input otherwise gives non-finite outputs for that row. Returns this model.
     */
    public Sequential checkFiniteInputs(boolean check) {
        this.checkFiniteInputs = check;
        return this;
    }

    /** Whether {@code predict} checks its inputs for NaN and infinities. */
    public boolean checksFiniteInputs() {
        return checkFiniteInputs;
    }

    /** The outputs for {@code x [batch x inputSize]}, as a new tensor (converted to this model's backend and dtype if needed). */
    public Tensor predict(Tensor x) {
        if (checkFiniteInputs) {
            FiniteCheck.requireFinite("predict", "input", x);
        }
        Tensor input = x;
        if (x.backend() != backend) {
            input = input.to(backend);
        }
        if (input.dtype() != dtype) {
            input = input.to(dtype);
        }
        return Ops.copy(forward(input));
    }

    /** The outputs for one row per sample. */
    public double[][] predict(double[][] x) {
        if (checkFiniteInputs) {
            FiniteCheck.requireFinite("predict", "input", x);
        }
        try (Tensor input = backend.matrix(dtype, x)) {
            return forward(input).toDoubleMatrix();
        }
    }

    /** The outputs for one sample. */
    public double[] predict(double[] x) {
        return predict(new double[][] {x})[0];
    }

    // ---- description ----

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

    /** Every parameter, in layer order (each layer's weights, then its bias). */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The parameter called {@code name}, e.g. {@code layer0.weights}. */
    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("model has no parameter '" + name + "'; it has " + parameters);
    }

    /** Total number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        return n;
    }

    /** The loss. */
    public Loss lossFunction() {
        return loss;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** How the initial parameters were drawn. */
    public Initializer initializer() {
        return initializer;
    }

    /** The seed of the initial parameters (and, by default, of shuffling). */
    public long seed() {
        return seed;
    }

    /** The backend every tensor of this model lives on. */
    public Backend backend() {
        return backend;
    }

    /** The element type of every tensor of this model. */
    public DType dtype() {
        return dtype;
    }

    /** Values per input sample. */
    public int inputSize() {
        return layers.get(0).inputSize();
    }

    /** Values per output sample. */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /**
     * A new random stream split from the model's generator (which continues after the
     * initial weights): deterministic for a given seed and call order. Training uses it to shuffle.
     */
    public Rng newRandomStream() {
        return rng.split();
    }

    /** Releases every layer's tensors and the work buffers; the model is unusable afterwards. */
    @Override
    public void close() {
        backprop.close();
        optimizer.reset();
        for (Layer layer : layers) {
            layer.close();
        }
    }

    /** A summary: one line per layer, the loss, the optimizer, backend and dtype. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential (").append(parameterCount()).append(" parameters, ")
                .append(dtype).append(" on ").append(backend.name()).append(")\n");
        for (int i = 0; i < layers.size(); i++) {
            sb.append("  layer").append(i).append(": ").append(layers.get(i).config()).append('\n');
        }
        return sb.append("  loss ").append(loss.id()).append(", optimizer ").append(optimizer)
                .append(", initializer ").append(initializer.id()).append(", seed ").append(seed).toString();
    }

    private Tensor checkInput(String op, Tensor x) {
        if (x.rank() != 2 || x.cols() != inputSize() || x.backend() != backend || x.dtype() != dtype) {
            throw new IllegalArgumentException("model " + op + ": input is " + x.dtype() + " " + x.shape() + " on "
                    + x.backend().name() + "; expected " + dtype + " [batch x " + inputSize() + "] on " + backend.name());
        }
        return x;
    }

    private Tensor checkTarget(String op, Tensor x, Tensor t) {
        if (t.rank() != 2 || t.rows() != x.rows() || t.cols() != outputSize() || t.backend() != backend
                || t.dtype() != dtype) {
            throw new IllegalArgumentException("model " + op + ": target is " + t.dtype() + " " + t.shape() + " on "
                    + t.backend().name() + "; expected " + dtype + " " + Shape.matrix(x.rows(), outputSize()) + " on "
                    + backend.name());
        }
        return t;
    }

    /** Checks that {@code data} has this model's input and output sizes. */
    public void checkData(String op, Dataset data) {
        if (data.featureCount() != inputSize() || data.targetCount() != outputSize()) {
            throw new IllegalArgumentException(op + ": dataset has " + data.featureCount() + " features and "
                    + data.targetCount() + " target values per sample; the model takes " + inputSize()
                    + " inputs and produces " + outputSize() + " outputs");
        }
    }

    /**
     * Collects a model's settings. Required: {@link #input}, at least one layer, {@link #loss},
     * {@link #optimizer}. Optional: {@link #initializer} (XAVIER), {@link #seed} (42),
     * {@link #backend} ({@link Backends#get()}), {@link #dtype} (FLOAT32). Mistakes in a layer
     * throw at once or from {@link #build()}, naming the layer.
     */
    public static final class Builder {
        /** Seed used when none is set. */
        public static final long DEFAULT_SEED = 42;

        private int input;
        private final List<Object> layerSpecs = new ArrayList<>();
        private Loss loss;
        private Optimizer optimizer;
        private Initializer initializer = Initializer.XAVIER;
        private long seed = DEFAULT_SEED;
        private Backend backend;
        private DType dtype = DType.FLOAT32;

        private Builder() {
        }

        /** Values per input sample, at least 1. */
        public Builder input(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("model builder: input size must be >= 1, got " + size);
            }
            this.input = size;
            return this;
        }

        /** Appends a fully connected layer with {@code units >= 1} outputs and activation {@code f}. */
        public Builder dense(int units, Activation f) {
            String which = "layer" + layerSpecs.size() + " (dense)";
            if (units < 1) {
                throw new IllegalArgumentException("model builder: " + which + ": units must be >= 1, got " + units);
            }
            Objects.requireNonNull(f, "model builder: " + which + ": activation");
            layerSpecs.add(new DenseSpec(units, f));
            return this;
        }

        /** Appends a layer from its full config (used to rebuild a saved model); its input size must chain. */
        public Builder layer(LayerConfig config) {
            Objects.requireNonNull(config, "model builder: layer" + layerSpecs.size() + ": config");
            layerSpecs.add(config);
            return this;
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

        /** Seed of the initial parameters and of shuffling (default {@value #DEFAULT_SEED}). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The backend (default {@link Backends#get()}, resolved at {@link #build()}). */
        public Builder backend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "model builder: backend");
            return this;
        }

        /** The element type (default FLOAT32; FLOAT64 for gradient checks). */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "model builder: dtype");
            return this;
        }

        /** Validates the settings, allocates the layers and draws the initial parameters. */
        public Sequential build() {
            if (layerSpecs.isEmpty()) {
                throw new IllegalStateException("model builder: no layers; add at least one, e.g. dense(1, Activation.SIGMOID)");
            }
            List<LayerConfig> configs = resolve();
            if (loss == null) {
                throw new IllegalStateException("model builder: loss is required, e.g. loss(Losses.mse())");
            }
            if (optimizer == null) {
                throw new IllegalStateException("model builder: optimizer is required, e.g. optimizer(new Sgd(0.1))");
            }
            int lastIndex = configs.size() - 1;
            LayerConfig last = configs.get(lastIndex);
            if (last instanceof DenseConfig && !loss.acceptsOutputActivation(((DenseConfig) last).activation())) {
                throw new IllegalStateException("model builder: loss " + loss.id() + " needs "
                        + loss.outputRequirement() + "; layer" + lastIndex + " (" + last + ") uses "
                        + ((DenseConfig) last).activation().id());
            }
            if (backend == null) {
                backend = Backends.get();
            }
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                layers.add(configs.get(i).create("layer" + i, backend, dtype));
            }
            return new Sequential(this, layers);
        }

        private List<LayerConfig> resolve() {
            int size = input;
            if (size == 0 && layerSpecs.get(0) instanceof LayerConfig) {
                size = ((LayerConfig) layerSpecs.get(0)).inputSize();
            }
            if (size == 0) {
                throw new IllegalStateException("model builder: input size is not set; call input(n) first");
            }
            List<LayerConfig> configs = new ArrayList<>();
            for (int i = 0; i < layerSpecs.size(); i++) {
                Object spec = layerSpecs.get(i);
                LayerConfig c;
                if (spec instanceof DenseSpec) {
                    c = new DenseConfig(size, ((DenseSpec) spec).units, ((DenseSpec) spec).activation);
                } else {
                    c = (LayerConfig) spec;
                    if (c.inputSize() != size) {
                        throw new IllegalStateException("model builder: layer" + i + " (" + c + ") takes "
                                + c.inputSize() + " inputs but " + (i == 0 ? "the input size is " : "the previous layer gives ")
                                + size);
                    }
                }
                configs.add(c);
                size = c.outputSize();
            }
            return configs;
        }

        private static final class DenseSpec {
            final int units;
            final Activation activation;

            DenseSpec(int units, Activation activation) {
                this.units = units;
                this.activation = activation;
            }
        }
    }
}
