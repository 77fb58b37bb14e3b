package dev.nn4j.nn;

import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.data.FiniteCheck;
import dev.nn4j.model.Model;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
 * training mode, error, gradients back to front, optimizer update.
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
public final class Sequential implements Model {
    /** Rows per chunk when {@link #loss(Dataset)} walks a dataset. */
    static final int EVAL_CHUNK = 256;
    /** Idle inference executors kept for reuse; more are closed when returned. */
    static final int MAX_IDLE_EXECUTORS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final List<Parameter> statistics;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Initializer initializer;
    private final long seed;
    private final Backend backend;
    private final String backendReason;
    private final DType dtype;
    private final Shape inputShape;
    private final Rng rng;
    private Rng maskRng;   // guarded by the training lock
    private final ChainRecordings recordings;
    private final Executor train;
    private final ConcurrentLinkedQueue<Executor> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final ReentrantReadWriteLock weights = new ReentrantReadWriteLock();
    private volatile Mode mode = Mode.INFERENCE;
    private volatile boolean checkFiniteInputs;
    private volatile boolean closed;

    private Sequential(Builder b, Shape inputShape, List<Layer> layers) {
        this.layers = Collections.unmodifiableList(layers);
        List<Parameter> ps = new ArrayList<>();
        List<Parameter> st = new ArrayList<>();
        for (Layer layer : layers) {
            ps.addAll(layer.parameters());
            st.addAll(layer.statistics());
        }
        this.parameters = Collections.unmodifiableList(ps);
        this.statistics = Collections.unmodifiableList(st);
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.initializer = b.initializer;
        this.seed = b.seed;
        this.backend = b.backend;
        this.backendReason = b.backendReason;
        this.dtype = b.dtype;
        this.inputShape = inputShape;
        this.rng = new Rng(seed);
        for (Layer layer : layers) {
            layer.initialize(initializer, rng);
        }
        this.maskRng = rng.split();
        this.recordings = new ChainRecordings(this.layers, loss, dtype);
        this.train = new Executor(recordings, backend);
        this.train.rng(maskRng);
    }

    /** A new builder; see the class description. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- the learning step ----

    /**
     * Feeds {@code x} ({@link #batchShape batch shape}) forward in {@link #mode()} and returns
     * the output buffer {@code [batch x outputSize]}, owned by the training executor and
     * overwritten by the next pass with the same batch size. For the training thread;
     * {@link #predict(Tensor)} is the thread-safe form and returns a copy.
     */
    public Tensor forward(Tensor x) {
        return forward(x, mode);
    }

    /** {@link #forward(Tensor)} in an explicit mode (training mode updates batch norm's running statistics). */
    public Tensor forward(Tensor x, Mode mode) {
        Objects.requireNonNull(mode, "model forward: mode");
        requireOpen("forward");
        checkInput("forward", x);
        if (mode == Mode.TRAINING) {
            lockForTraining("forward");
            try {
                return train.forward(x, mode);
            } finally {
                weights.writeLock().unlock();
            }
        }
        return train.forward(x, mode);
    }

    /** The mode of {@link #forward(Tensor)}; {@link Mode#INFERENCE} unless set. Training methods always train and inference methods always infer, whatever it says. */
    public Mode mode() {
        return mode;
    }

    /** Sets the mode of {@link #forward(Tensor)}. */
    public void setMode(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "model mode");
    }

    /**
     * The output buffer {@code [batch x outputSize]} of the latest pass through the training
     * executor ({@link #forward}, {@link #computeGradients}, {@link #trainStep}): not a copy,
     * overwritten by the next pass. Lets the training loop score a batch's predictions
     * without a second forward pass.
     *
     * @throws IllegalStateException before the first forward pass
     */
    @Override
    public Tensor lastOutput() {
        Tensor out = train.output();
        if (out == null) {
            throw new IllegalStateException("model lastOutput: no forward pass has run yet");
        }
        return out;
    }

    /**
     * Forward in training mode, loss, backward: writes dLoss/dParameter into every parameter's
     * gradient and returns the loss (possibly non-finite), without updating the parameters
     * (batch norm's running statistics do move, as in any training pass).
     */
    @Override
    public double computeGradients(Tensor x, Tensor target) {
        checkInput("computeGradients", x);
        checkTarget("computeGradients", x, target);
        lockForTraining("computeGradients");
        try {
            return train.lossAndGradients(x, target, false);
        } finally {
            weights.writeLock().unlock();
        }
    }

    /** One learning step on a batch: {@link #computeGradients}, then an optimizer update. Returns the loss before the update. */
    @Override
    public double trainStep(Tensor x, Tensor target) {
        lockForTraining("trainStep");
        try {
            double value = computeGradients(x, target);   // forward, error, backward
            optimizer.step(parameters);                   // update
            return value;
        } finally {
            weights.writeLock().unlock();
        }
    }

    /** Trains on {@code data} as {@code config} says; see {@link Trainer}. Holds the model for training until it returns. */
    public History fit(Dataset data, FitConfig config) {
        lockForTraining("fit");
        try {
            return Trainer.fit(this, data, config);
        } finally {
            weights.writeLock().unlock();
        }
    }

    /**
     * Restarts the random stream that dropout masks are drawn from in training, from {@code seed}.
     * A model starts that stream from its seed when it is built or loaded, so every copy rebuilt from
     * the same file draws the same masks: a distributed worker that rebuilds the model every round
     * gives each round and each shard a seed of its own (the Spark module does). Has no effect on a
     * model without dropout. Holds the model for training while it runs.
     */
    @Override
    public void seedDropout(long seed) {
        lockForTraining("seedDropout");
        try {
            maskRng = new Rng(seed);
            train.rng(maskRng);
        } finally {
            weights.writeLock().unlock();
        }
    }

    /**
     * Gradients with dropout masks drawn from {@code new Rng(maskSeed)}, so that repeated calls
     * see the same masks (gradient checks); otherwise as {@link #computeGradients}.
     */
    double computeGradients(Tensor x, Tensor target, long maskSeed) {
        train.rng(new Rng(maskSeed));
        try {
            return computeGradients(x, target);
        } finally {
            train.rng(maskRng);
        }
    }

    /** The training-mode loss with dropout masks from {@code new Rng(maskSeed)}, for gradient checks. */
    double trainingLoss(Tensor x, Tensor target, long maskSeed) {
        checkInput("trainingLoss", x);
        checkTarget("trainingLoss", x, target);
        lockForTraining("trainingLoss");
        train.rng(new Rng(maskSeed));
        try {
            return train.loss(x, target, Mode.TRAINING);
        } finally {
            train.rng(maskRng);
            weights.writeLock().unlock();
        }
    }

    /** Takes the weights for an update: fails fast when another thread trains, waits for predictions in flight. */
    private void lockForTraining(String op) {
        requireOpen(op);
        ReentrantReadWriteLock.WriteLock w = weights.writeLock();
        if (w.tryLock()) {
            return;
        }
        if (weights.isWriteLocked() && !weights.isWriteLockedByCurrentThread()) {
            throw new IllegalStateException("model " + op + ": another thread is training this model; train a model"
                    + " from one thread at a time");
        }
        if (weights.getReadHoldCount() > 0) {
            throw new IllegalStateException("model " + op + ": called during a prediction on the same thread");
        }
        w.lock();   // predictions in flight finish first
    }

    // ---- inference: thread-safe ----

    /** Runs {@code work} on a pooled inference executor, holding the weights for reading. */
    private <R> R infer(String op, java.util.function.Function<Executor, R> work) {
        requireOpen(op);
        ReentrantReadWriteLock.ReadLock r = weights.readLock();
        if (!r.tryLock()) {
            throw new IllegalStateException("model " + op + ": the model is being trained on another thread;"
                    + " predict after training returns (or on a copy loaded from a model file)");
        }
        Executor e = idle.poll();
        if (e != null) {
            idleCount.decrementAndGet();
        } else {
            e = new Executor(recordings, backend);
        }
        try {
            return work.apply(e);
        } finally {
            r.unlock();
            if (idleCount.incrementAndGet() <= MAX_IDLE_EXECUTORS) {
                idle.offer(e);
            } else {
                idleCount.decrementAndGet();
                e.close();
            }
        }
    }

    /** The loss of the current parameters on a batch, in inference mode, without gradients. Thread-safe. */
    @Override
    public double loss(Tensor x, Tensor target) {
        checkInput("loss", x);
        checkTarget("loss", x, target);
        return infer("loss", e -> e.loss(x, target, Mode.INFERENCE));
    }

    /** The mean loss per sample over all of {@code data}, in chunks of {@value #EVAL_CHUNK} rows. Thread-safe. */
    @Override
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
            try (Tensor x = backend.create(dtype, batchShape(rows));
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

    /**
     * The outputs {@code [batch x outputSize]} for {@code x} (a {@link #batchShape batch}, or a
     * {@code [batch x inputSize]} matrix of flattened samples), as a new tensor, in inference
     * mode; {@code x} is converted to this model's backend and dtype if needed. Thread-safe.
     */
    @Override
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
        Tensor batch = asBatch(input);
        try {
            checkInput("predict", batch);
            return infer("predict", e -> Ops.copy(e.forward(batch, Mode.INFERENCE)));
        } finally {
            if (input != x && input != batch) {
                input.close();
            }
        }
    }

    /** The outputs for one row per sample (each row a flattened sample of {@link #inputSize()} values). Thread-safe. */
    public double[][] predict(double[][] x) {
        if (checkFiniteInputs) {
            FiniteCheck.requireFinite("predict", "input", x);
        }
        try (Tensor input = backend.matrix(dtype, x)) {
            Tensor batch = asBatch(input);
            checkInput("predict", batch);
            return infer("predict", e -> e.forward(batch, Mode.INFERENCE).toDoubleMatrix());
        }
    }

    /** The outputs for one sample (flattened, {@link #inputSize()} values). Thread-safe. */
    public double[] predict(double[] x) {
        if (x != null && x.length == 0) {
            throw new IllegalArgumentException("model predict: the sample is empty (0 values); the model takes "
                    + inputSize() + " inputs");
        }
        return predict(new double[][] {x})[0];
    }

    /** A flattened {@code [n x inputSize]} matrix as a batch of this model's input shape (a view where the backend allows); other tensors as they are. */
    private Tensor asBatch(Tensor x) {
        if (inputShape.rank() > 1 && x.rank() == 2 && x.cols() == inputSize()) {
            return Ops.reshape(x, batchShape(x.rows()));
        }
        return x;
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

    /** Every trainable parameter, in layer order (each layer's weights, then its bias). */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The tensors that are saved but not trained (batch norm's running statistics), in layer order. */
    @Override
    public List<Parameter> statistics() {
        return statistics;
    }

    /** What a model file stores: {@link #parameters()}, then {@link #statistics()}. */
    @Override
    public List<Parameter> savedTensors() {
        List<Parameter> all = new ArrayList<>(parameters);
        all.addAll(statistics);
        return Collections.unmodifiableList(all);
    }

    /** The parameter or statistic called {@code name}, e.g. {@code layer0.weights} or {@code layer1.running_mean}. */
    public Parameter parameter(String name) {
        for (Parameter p : savedTensors()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("model has no parameter '" + name + "'; it has " + savedTensors());
    }

    /** Total number of trainable values. */
    @Override
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
    @Override
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
    @Override
    public Backend backend() {
        return backend;
    }

    /** The element type of every tensor of this model. */
    @Override
    public DType dtype() {
        return dtype;
    }

    /** The per-sample input shape, e.g. {@code [784]} or {@code [1x28x28]}. */
    @Override
    public Shape inputShape() {
        return inputShape;
    }

    /** The shape of a batch of {@code n} inputs: {@code [n x inputShape...]}. */
    @Override
    public Shape batchShape(int n) {
        return Images.batch(n, inputShape);
    }

    /** Values per input sample (the product of {@link #inputShape()}). */
    @Override
    public int inputSize() {
        return inputShape.size();
    }

    /** Values per output sample. */
    @Override
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /**
     * A new random stream split from the model's generator (which continues after the
     * initial weights): deterministic for a given seed and call order. Training uses it to shuffle.
     */
    @Override
    public Rng newRandomStream() {
        return rng.split();
    }

    /** Throws when {@link #close()} has run: a closed model's tensors may be freed (native memory on ND4J). */
    private void requireOpen(String op) {
        if (closed) {
            throw new IllegalStateException("model " + op + ": the model is closed; load or build it again");
        }
    }

    /**
     * Releases every layer's tensors and the work buffers; afterwards every use of the model throws
     * {@link IllegalStateException}. Closing again does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        train.close();
        for (Executor e; (e = idle.poll()) != null; ) {
            e.close();
        }
        optimizer.reset();
        for (Layer layer : layers) {
            layer.close();
        }
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
        String[][] rows = new String[layers.size() + 2][];
        rows[0] = new String[] {"layer", "type", "output shape", "parameters"};
        rows[1] = new String[] {"input", "", inputShape.toString(), ""};
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            long count = 0;
            for (Parameter p : l.parameters()) {
                count += p.size();
            }
            for (Parameter p : l.statistics()) {
                count += p.size();
            }
            rows[i + 2] = new String[] {"layer" + i, l.config().type(), l.outputShape().toString(),
                String.format(java.util.Locale.ROOT, "%,d", count)};
        }
        int[] width = new int[4];
        for (String[] r : rows) {
            for (int c = 0; c < 4; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(String.format(java.util.Locale.ROOT, "%-" + width[0] + "s   %-" + width[1] + "s   %-" + width[2]
                    + "s   %" + width[3] + "s", r[0], r[1], r[2], r[3]).stripTrailing()).append('\n');
        }
        long stats = 0;
        for (Parameter p : statistics) {
            stats += p.size();
        }
        return sb.append(String.format(java.util.Locale.ROOT, "total: %,d parameters (%,d trainable, %,d statistics)",
                parameterCount() + stats, parameterCount(), stats)).toString();
    }

    /** Which backend the model runs on and why it was chosen, e.g. {@code plain (set on the model builder)}. */
    public String backendChoice() {
        return backend.name() + " (" + backendReason + ")";
    }

    /** A description: one line per layer, the loss, the optimizer, dtype, and the backend with why it was chosen. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential (").append(parameterCount()).append(" parameters, ")
                .append(dtype).append(" on ").append(backend.name()).append(", input ").append(inputShape)
                .append(")\n");
        for (int i = 0; i < layers.size(); i++) {
            sb.append("  layer").append(i).append(": ").append(layers.get(i).config()).append('\n');
        }
        return sb.append("  loss ").append(loss.id()).append(", optimizer ").append(optimizer)
                .append(", initializer ").append(initializer.id()).append(", seed ").append(seed)
                .append("\n  backend ").append(backend.name()).append(": ").append(backendReason).toString();
    }

    private Tensor checkInput(String op, Tensor x) {
        boolean fits = x.rank() == inputShape.rank() + 1;
        for (int i = 0; fits && i < inputShape.rank(); i++) {
            fits = x.shape().dim(i + 1) == inputShape.dim(i);
        }
        if (!fits || x.backend() != backend || x.dtype() != dtype) {
            throw new IllegalArgumentException("model " + op + ": input is " + x.dtype() + " " + x.shape() + " on "
                    + x.backend().name() + "; expected " + dtype + " [batch x " + inputShape.toString().substring(1)
                    + " on " + backend.name());
        }
        return x;
    }

    private Tensor checkTarget(String op, Tensor x, Tensor t) {
        if (t.rank() != 2 || t.rows() != x.shape().dim(0) || t.cols() != outputSize() || t.backend() != backend
                || t.dtype() != dtype) {
            throw new IllegalArgumentException("model " + op + ": target is " + t.dtype() + " " + t.shape() + " on "
                    + t.backend().name() + "; expected " + dtype + " " + Shape.matrix(x.shape().dim(0), outputSize()) + " on "
                    + backend.name());
        }
        return t;
    }

    /** Checks that {@code data} has this model's input and output sizes. */
    @Override
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
            return new Sequential(this, in, layers);
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
