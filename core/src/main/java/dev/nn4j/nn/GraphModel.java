package dev.nn4j.nn;

import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.data.Dataset;
import dev.nn4j.data.FiniteCheck;
import dev.nn4j.model.Model;
import dev.nn4j.optim.Optimizer;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A model whose layers form a directed acyclic graph: named {@link Input}s, {@link Node}s that
 * each apply a layer to one or more earlier nodes (residual additions, concatenations, shared
 * inputs), and one or more outputs with a loss each, on one backend and dtype. Built from
 * nodes with {@link #builder(Input, Node)}:
 * <pre>{@code
 * Input image = Input.of("image", 1, 28, 28);
 * Node x = image.then(Conv2DConfig.of(16, 3, Padding.same(), Activation.RELU));
 * Node y = x.then(Conv2DConfig.of(16, 3, Padding.same(), Activation.IDENTITY)).then(new BatchNormConfig());
 * Node out = Node.add(y, x).then(new ActivationConfig(Activation.RELU))
 *         .then(new GlobalAvgPool2DConfig()).dense(10, Activation.SOFTMAX);
 * GraphModel model = GraphModel.builder(image, out)
 *         .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).build();
 * }</pre>
 * {@link Sequential} is the graph of a chain. The backward pass is automatic: each layer
 * records its forward pass with {@code dev.nn4j.autodiff}'s ops and the plans replay forward
 * and backward passes on buffers reused from step to step.
 *
 * <p><b>Shapes.</b> A batch of {@code n} samples of an input with per-sample shape {@code s}
 * is {@code [n x s...]}, INT32 for an input of token ids ({@link Input#tokens}). Outputs are
 * flat per sample, {@code [n x outputSize]}, and so are targets, unless the output's loss
 * takes more: {@link Losses#tokenCrossEntropy()} takes logits {@code [n x steps x classes]} and
 * INT32 ids {@code [n x steps]} ({@link Loss#targetShape}). With one input and one output, every method of {@link Model} applies
 * ({@link #predict(Tensor)}, {@link #fit}, evaluation, listeners, model files); with several,
 * the {@code Map} forms ({@link #predict(Map)}, {@link #trainStep(Map, Map)}, ...) bind tensors
 * by input and output name, and the single-tensor forms throw {@link IllegalStateException}
 * naming them. The training loss is the sum of the outputs' losses.
 *
 * <p>Parameters are named {@code <node>.<name>} (e.g. {@code stem.weights}) and listed in
 * the model's node order; statistics that are saved but not trained (batch norm's running
 * mean and variance) are in {@link #statistics()}.
 *
 * <p><b>Threads.</b> Predictions and losses may run on many threads at once: each call borrows
 * an executor (its own buffers) from a pool, and inference only reads the parameters. Training
 * ({@link #fit}, {@link #trainStep}, {@link #computeGradients}) runs on one thread at a time: a
 * second thread that tries to train gets an {@link IllegalStateException}, and so does a
 * prediction from another thread while a training step or a {@code fit} runs (it would read
 * half-updated weights); predictions from the training thread itself (listeners, validation)
 * are fine. {@link #forward} and {@link #lastOutput} use the training executor and belong to
 * the training thread. {@link #close()} releases the tensors; afterwards every use throws
 * {@link IllegalStateException} ("the model is closed").
 */
public class GraphModel implements Model {
    /** Rows per chunk when {@link #loss(Dataset)} walks a dataset. */
    static final int EVAL_CHUNK = 256;
    /** Idle inference executors kept for reuse; more are closed when returned. */
    static final int MAX_IDLE_EXECUTORS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    private final Graph graph;
    private final List<Parameter> parameters;
    private final List<Parameter> statistics;
    private final Optimizer optimizer;
    private final Initializer initializer;
    private final long seed;
    private final Backend backend;
    private final String backendReason;
    private final DType dtype;
    private final Rng rng;
    private Rng maskRng;   // guarded by the training lock
    private final GraphRecordings recordings;
    private final Executor train;
    private final ConcurrentLinkedQueue<Executor> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final ReentrantReadWriteLock weights = new ReentrantReadWriteLock();
    /** One-element arrays for the single-tensor training calls, used under the training lock (no allocation per step). */
    private final Tensor[] oneInput = new Tensor[1];
    private final Tensor[] oneTarget = new Tensor[1];
    /** Each output's per-sample target shape and target dtype, as its loss takes them (checked every step without allocating). */
    private final Shape[] targetSamples;
    private final DType[] targetTypes;
    private volatile Mode mode = Mode.INFERENCE;
    private volatile boolean checkFiniteInputs;
    private volatile boolean closed;

    /** A model of {@code graph} (whose layers it now owns), drawing their initial parameters in node order. */
    GraphModel(Graph graph, Settings s) {
        this.graph = graph;
        List<Parameter> ps = new ArrayList<>();
        List<Parameter> st = new ArrayList<>();
        for (Layer layer : graph.layers()) {
            ps.addAll(layer.parameters());
            st.addAll(layer.statistics());
        }
        this.parameters = Collections.unmodifiableList(ps);
        this.statistics = Collections.unmodifiableList(st);
        this.optimizer = s.optimizer;
        this.initializer = s.initializer;
        this.seed = s.seed;
        this.backend = s.backend;
        this.backendReason = s.backendReason;
        this.dtype = s.dtype;
        this.rng = new Rng(seed);
        for (Layer layer : graph.layers()) {
            layer.initialize(initializer, rng);
        }
        this.maskRng = rng.split();
        int outputs = graph.outputs().length;
        this.targetSamples = new Shape[outputs];
        this.targetTypes = new DType[outputs];
        for (int o = 0; o < outputs; o++) {
            targetSamples[o] = graph.losses().get(o).targetShape(graph.shape(graph.outputs()[o]));
            targetTypes[o] = graph.losses().get(o).targetDType(dtype);
        }
        this.recordings = new GraphRecordings(graph, dtype);
        this.train = new Executor(recordings, backend);
        this.train.rng(maskRng);
    }

    /** A builder of the model from {@code input} to {@code output}; see the class description. */
    public static GraphBuilder builder(Input input, Node output) {
        return new GraphBuilder(List.of(input), List.of(output));
    }

    /** A builder of a model with several inputs (bound in this order and by name) and several outputs. */
    public static GraphBuilder builder(List<Input> inputs, List<Node> outputs) {
        return new GraphBuilder(inputs, outputs);
    }

    /** The structure the plans run. */
    Graph graph() {
        return graph;
    }

    // ---- the learning step ----

    /**
     * Feeds {@code x} ({@link #batchShape batch shape}) forward in {@link #mode()} and returns
     * the output buffer {@code [batch x outputSize]}, owned by the training executor and
     * overwritten by the next pass with the same batch size. For the training thread;
     * {@link #predict(Tensor)} is the thread-safe form and returns a copy. One input and output.
     */
    public Tensor forward(Tensor x) {
        return forward(x, mode);
    }

    /** {@link #forward(Tensor)} in an explicit mode (training mode updates batch norm's running statistics). */
    public Tensor forward(Tensor x, Mode mode) {
        Objects.requireNonNull(mode, "model forward: mode");
        requireOpen("forward");
        requireSingle("forward");
        checkInput("forward", 0, x);
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
     * The (first) output buffer {@code [batch x outputSize]} of the latest pass through the
     * training executor ({@link #forward}, {@link #computeGradients}, {@link #trainStep}): not a
     * copy, overwritten by the next pass. Lets the training loop score a batch's predictions
     * without a second forward pass.
     *
     * @throws IllegalStateException before the first forward pass
     */
    @Override
    public Tensor lastOutput() {
        Tensor out = train.output(0);
        if (out == null) {
            throw new IllegalStateException("model lastOutput: no forward pass has run yet");
        }
        return out;
    }

    /**
     * Forward in training mode, loss, backward: writes dLoss/dParameter into every parameter's
     * gradient and returns the loss (possibly non-finite), without updating the parameters
     * (batch norm's running statistics do move, as in any training pass). One input and output.
     */
    @Override
    public double computeGradients(Tensor x, Tensor target) {
        return single("computeGradients", x, target, false);
    }

    /** {@link #computeGradients}, then with {@code update} the optimizer's step, for one input and one target. */
    private double single(String op, Tensor x, Tensor target, boolean update) {
        requireSingle(op);
        lockForTraining(op);
        try {
            oneInput[0] = x;
            oneTarget[0] = target;
            return step(oneInput, oneTarget, update);
        } finally {
            oneInput[0] = null;
            oneTarget[0] = null;
            weights.writeLock().unlock();
        }
    }

    /** {@link #computeGradients(Tensor, Tensor)} with inputs and targets by name (every input, every output). */
    public double computeGradients(Map<String, Tensor> inputs, Map<String, Tensor> targets) {
        return computeGradients(inputs("computeGradients", inputs), targets("computeGradients", targets));
    }

    private double computeGradients(Tensor[] xs, Tensor[] ts) {
        lockForTraining("computeGradients");
        try {
            return step(xs, ts, false);
        } finally {
            weights.writeLock().unlock();
        }
    }

    /**
     * With the training lock held: the checks, forward in training mode, loss, backward, and with
     * {@code update} the optimizer's step. Returns the loss before the update.
     */
    private double step(Tensor[] xs, Tensor[] ts, boolean update) {
        checkInputs("computeGradients", xs);
        checkTargets("computeGradients", xs, ts);
        double value = train.lossAndGradients(xs, ts, false);   // forward, error, backward
        if (update) {
            optimizer.step(parameters);                            // update
        }
        return value;
    }

    /** One learning step on a batch: {@link #computeGradients}, then an optimizer update. Returns the loss before the update. */
    @Override
    public double trainStep(Tensor x, Tensor target) {
        return single("trainStep", x, target, true);
    }

    /** {@link #trainStep(Tensor, Tensor)} with inputs and targets by name (every input, every output). */
    public double trainStep(Map<String, Tensor> inputs, Map<String, Tensor> targets) {
        return trainStep(inputs("trainStep", inputs), targets("trainStep", targets));
    }

    private double trainStep(Tensor[] xs, Tensor[] ts) {
        lockForTraining("trainStep");
        try {
            return step(xs, ts, true);
        } finally {
            weights.writeLock().unlock();
        }
    }

    /** Trains on {@code data} as {@code config} says; see {@link Trainer}. One input and output. Holds the model for training until it returns. */
    public History fit(Dataset data, FitConfig config) {
        requireSingle("fit");
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
    double computeGradients(Tensor[] xs, Tensor[] ts, long maskSeed) {
        train.rng(new Rng(maskSeed));
        try {
            return computeGradients(xs, ts);
        } finally {
            train.rng(maskRng);
        }
    }

    /** The training-mode loss with dropout masks from {@code new Rng(maskSeed)}, for gradient checks. */
    double trainingLoss(Tensor[] xs, Tensor[] ts, long maskSeed) {
        checkInputs("trainingLoss", xs);
        checkTargets("trainingLoss", xs, ts);
        lockForTraining("trainingLoss");
        train.rng(new Rng(maskSeed));
        try {
            return train.loss(xs, ts, Mode.TRAINING);
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

    /** The loss of the current parameters on a batch, in inference mode, without gradients. One input and output. Thread-safe. */
    @Override
    public double loss(Tensor x, Tensor target) {
        requireSingle("loss");
        checkInput("loss", 0, x);
        checkTargets("loss", new Tensor[] {x}, new Tensor[] {target});
        return infer("loss", e -> e.loss(x, target, Mode.INFERENCE));
    }

    /** {@link #loss(Tensor, Tensor)} with inputs and targets by name (every input, every output). Thread-safe. */
    public double loss(Map<String, Tensor> inputs, Map<String, Tensor> targets) {
        Tensor[] xs = inputs("loss", inputs);
        Tensor[] ts = targets("loss", targets);
        checkInputs("loss", xs);
        checkTargets("loss", xs, ts);
        return infer("loss", e -> e.loss(xs, ts, Mode.INFERENCE));
    }

    /** The mean loss per sample over all of {@code data}, in chunks of {@value #EVAL_CHUNK} rows. One input and output. Thread-safe. */
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
            try (Tensor x = backend.create(inputDType(), batchShape(rows));
                 Tensor y = backend.create(targetDType(), targetBatchShape(rows))) {
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
    public GraphModel checkFiniteInputs(boolean check) {
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
     * mode; {@code x} is converted to this model's backend and dtype if needed. One input and
     * output. Thread-safe.
     */
    @Override
    public Tensor predict(Tensor x) {
        requireSingle("predict");
        return predict(Map.of(graph.inputNames().get(0), x)).values().iterator().next();
    }

    /**
     * The outputs, by output node name, for a batch of every input, by input name (each a batch
     * of that input's shape, or a matrix of flattened samples; the same batch size for all), as
     * new tensors the caller owns, in inference mode. Thread-safe.
     */
    public Map<String, Tensor> predict(Map<String, Tensor> inputs) {
        Tensor[] given = inputs("predict", inputs);
        Tensor[] xs = new Tensor[given.length];
        List<Tensor> made = new ArrayList<>();
        try {
            for (int i = 0; i < given.length; i++) {
                Tensor x = given[i];
                if (checkFiniteInputs) {
                    FiniteCheck.requireFinite("predict", graph.inputNames().get(i), x);
                }
                Tensor t = x.backend() != backend ? track(made, x.to(backend)) : x;
                DType type = graph.inputDType(i, dtype);
                t = t.dtype() != type ? track(made, t.to(type)) : t;
                xs[i] = asBatch(i, t);
            }
            checkInputs("predict", xs);
            return infer("predict", e -> {
                e.forward(xs, Mode.INFERENCE);
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (int o = 0; o < graph.outputs().length; o++) {
                    out.put(graph.name(graph.outputs()[o]), Ops.copy(e.output(o)));
                }
                return out;
            });
        } finally {
            for (Tensor t : made) {
                t.close();
            }
        }
    }

    private static Tensor track(List<Tensor> made, Tensor t) {
        made.add(t);
        return t;
    }

    /** The outputs for one row per sample (each row a flattened sample of {@link #inputSize()} values). One input and output. Thread-safe. */
    public double[][] predict(double[][] x) {
        requireSingle("predict");
        if (checkFiniteInputs) {
            FiniteCheck.requireFinite("predict", "input", x);
        }
        try (Tensor input = backend.matrix(inputDType(), x)) {
            Tensor batch = asBatch(0, input);
            checkInput("predict", 0, batch);
            return infer("predict", e -> e.forward(batch, Mode.INFERENCE).toDoubleMatrix());
        }
    }

    /** The outputs for one sample (flattened, {@link #inputSize()} values). One input and output. Thread-safe. */
    public double[] predict(double[] x) {
        if (x != null && x.length == 0) {
            throw new IllegalArgumentException("model predict: the sample is empty (0 values); the model takes "
                    + inputSize() + " inputs");
        }
        return predict(new double[][] {x})[0];
    }

    /** A flattened {@code [n x size]} matrix as a batch of input {@code i}'s shape (a view where the backend allows); other tensors as they are. */
    private Tensor asBatch(int i, Tensor x) {
        Shape s = graph.inputShapes().get(i);
        if (s.rank() > 1 && x.rank() == 2 && x.cols() == s.size()) {
            return Ops.reshape(x, Images.batch(x.rows(), s));
        }
        return x;
    }

    // ---- description ----

    /** Every trainable parameter, in node order (each node's weights, then its bias). */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The tensors that are saved but not trained (batch norm's running statistics), in node order. */
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

    /** The loss of the one output. */
    public Loss lossFunction() {
        requireSingle("lossFunction");
        return graph.losses().get(0);
    }

    /** Each output's loss, in output order. */
    public List<Loss> losses() {
        return graph.losses();
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

    /** The per-sample shape of the one input, e.g. {@code [784]} or {@code [1x28x28]}. */
    @Override
    public Shape inputShape() {
        requireSingle("inputShape");
        return graph.inputShapes().get(0);
    }

    /** The shape of a batch of {@code n} samples of the one input: {@code [n x inputShape...]}. */
    @Override
    public Shape batchShape(int n) {
        return Images.batch(n, inputShape());
    }

    /** Values per sample of the one input (the product of {@link #inputShape()}). */
    @Override
    public int inputSize() {
        return inputShape().size();
    }

    /** Values per sample of the one output. */
    @Override
    public int outputSize() {
        requireSingle("outputSize");
        return graph.outputSize(0);
    }

    /** INT32 when the one input holds token ids ({@link Input#tokens}), else {@link #dtype()}. */
    @Override
    public DType inputDType() {
        requireSingle("inputDType");
        return graph.inputDType(0, dtype);
    }

    /** The dtype the one output's loss takes targets in: {@link #dtype()}, or INT32 for a loss against ids. */
    @Override
    public DType targetDType() {
        requireSingle("targetDType");
        return graph.losses().get(0).targetDType(dtype);
    }

    /** The shape of a batch of {@code n} targets of the one output, as its loss takes them. */
    @Override
    public Shape targetBatchShape(int n) {
        requireSingle("targetBatchShape");
        return graph.targetBatch(0, n);
    }

    /** The inputs' names, in the order they were given to the builder. */
    public List<String> inputNames() {
        return graph.inputNames();
    }

    /** The outputs' node names, in order. */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (int v : graph.outputs()) {
            names.add(graph.name(v));
        }
        return Collections.unmodifiableList(names);
    }

    /** Per-sample shapes by input name, then by output name: {@code inputShapes()} of the graph's inputs. */
    public Map<String, Shape> inputShapes() {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (int i = 0; i < graph.inputNames().size(); i++) {
            m.put(graph.inputNames().get(i), graph.inputShapes().get(i));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The dtype of input {@code name}'s batches: INT32 for token ids ({@link Input#tokens}), else {@link #dtype()}. */
    public DType inputDType(String name) {
        int i = graph.inputNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("model has no input '" + name + "'; it has " + graph.inputNames());
        }
        return graph.inputDType(i, dtype);
    }

    /** Per-sample output shapes by output node name, in output order. */
    public Map<String, Shape> outputShapes() {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (int v : graph.outputs()) {
            m.put(graph.name(v), graph.shape(v));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The node names, in the model's order (inputs not included). */
    public List<String> nodeNames() {
        return graph.layerNames();
    }

    /** The layer of node {@code name}. */
    public Layer node(String name) {
        int i = graph.layerNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("model has no node '" + name + "'; it has " + graph.layerNames());
        }
        return graph.layers().get(i);
    }

    /** The names of the values node {@code name} reads, in order (input or node names). */
    public List<String> nodeInputs(String name) {
        node(name);
        List<String> in = new ArrayList<>();
        for (int v : graph.layerInputs().get(graph.layerNames().indexOf(name))) {
            in.add(graph.name(v));
        }
        return Collections.unmodifiableList(in);
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
    void requireOpen(String op) {
        if (closed) {
            throw new IllegalStateException("model " + op + ": the model is closed; load or build it again");
        }
    }

    /** Throws unless the graph has one input and one output, naming the {@code Map} form to use. */
    private void requireSingle(String op) {
        int in = graph.inputNames().size();
        int out = graph.outputs().length;
        if (in != 1 || out != 1) {
            throw new IllegalStateException("model " + op + ": the graph has " + in + " input(s) "
                    + graph.inputNames() + " and " + out + " output(s) " + outputNames()
                    + "; use the forms that take tensors by name (predict(Map), trainStep(Map, Map), loss(Map, Map))");
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
        for (Layer layer : graph.layers()) {
            layer.close();
        }
    }

    /**
     * A table of the nodes, their output shapes, parameter counts and inputs (Keras's
     * "Connected to"), with the total:
     * <pre>
     * node      type          output shape   parameters   connected to
     * image     input         [1x28x28]               0
     * conv2d_1  conv2d        [16x28x28]            160   image
     * add_1     add           [16x28x28]              0   batchnorm_1, conv2d_1
     * ...
     * total: 13,290 parameters (13,226 trainable, 64 statistics)
     * </pre>
     */
    @Override
    public String summary() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"node", "type", "output shape", "parameters", "connected to"});
        for (int i = 0; i < graph.inputNames().size(); i++) {
            rows.add(new String[] {graph.inputNames().get(i), "input", graph.inputShapes().get(i).toString(), "0", ""});
        }
        for (int l = 0; l < graph.layers().size(); l++) {
            Layer layer = graph.layers().get(l);
            rows.add(new String[] {graph.layerNames().get(l), layer.config().type(), layer.outputShape().toString(),
                String.format(java.util.Locale.ROOT, "%,d", storedCount(layer)),
                String.join(", ", nodeInputs(graph.layerNames().get(l)))});
        }
        return table(rows);
    }

    /** The values layer {@code l} stores: parameters and statistics. */
    static long storedCount(Layer l) {
        long count = 0;
        for (Parameter p : l.parameters()) {
            count += p.size();
        }
        for (Parameter p : l.statistics()) {
            count += p.size();
        }
        return count;
    }

    /** {@code rows} as left-aligned columns (the fourth right-aligned) and the total line. */
    String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String format = c == 3 ? "%" + width[c] + "s" : "%-" + width[c] + "s";
                line.append(c == 0 ? "" : "   ").append(String.format(java.util.Locale.ROOT, format, r[c]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        long stats = 0;
        for (Parameter p : statistics) {
            stats += p.size();
        }
        return sb.append(String.format(java.util.Locale.ROOT, "total: %,d parameters (%,d trainable, %,d statistics)",
                parameterCount() + stats, parameterCount(), stats)).toString();
    }

    /** Why the backend was chosen, e.g. {@code set on the model builder}. */
    String backendReason() {
        return backendReason;
    }

    /** Which backend the model runs on and why it was chosen, e.g. {@code plain (set on the model builder)}. */
    public String backendChoice() {
        return backend.name() + " (" + backendReason + ")";
    }

    /** A description: one line per node with its inputs, the losses, the optimizer, dtype, and the backend with why it was chosen. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GraphModel (").append(parameterCount()).append(" parameters, ")
                .append(dtype).append(" on ").append(backend.name()).append(", inputs ").append(inputShapes())
                .append(")\n");
        for (int l = 0; l < graph.layers().size(); l++) {
            String name = graph.layerNames().get(l);
            sb.append("  ").append(name).append(": ").append(graph.layers().get(l).config()).append(" <- ")
                    .append(String.join(", ", nodeInputs(name))).append('\n');
        }
        List<String> losses = new ArrayList<>();
        for (Loss loss : graph.losses()) {
            losses.add(loss.id());
        }
        return sb.append("  outputs ").append(outputNames()).append(", loss ").append(String.join(", ", losses))
                .append(", optimizer ").append(optimizer).append(", initializer ").append(initializer.id())
                .append(", seed ").append(seed).append("\n  backend ").append(backend.name()).append(": ")
                .append(backendReason).toString();
    }

    /** The tensors of {@code given} in input order; throws naming missing and unknown names. */
    private Tensor[] inputs(String op, Map<String, Tensor> given) {
        return byName(op, "input", given, graph.inputNames());
    }

    private Tensor[] targets(String op, Map<String, Tensor> given) {
        return byName(op, "target", given, outputNames());
    }

    private static Tensor[] byName(String op, String what, Map<String, Tensor> given, List<String> names) {
        Objects.requireNonNull(given, "model " + op + ": " + what + "s");
        if (!given.keySet().equals(new java.util.HashSet<>(names))) {
            throw new IllegalArgumentException("model " + op + ": " + what + "s are given for " + given.keySet()
                    + "; the model's " + what + "s are " + names);
        }
        Tensor[] out = new Tensor[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Objects.requireNonNull(given.get(names.get(i)), "model " + op + ": " + what + " " + names.get(i));
        }
        return out;
    }

    private void checkInputs(String op, Tensor[] xs) {
        for (int i = 0; i < xs.length; i++) {
            checkInput(op, i, xs[i]);
            if (xs[i].shape().dim(0) != xs[0].shape().dim(0)) {
                throw new IllegalArgumentException("model " + op + ": input " + graph.inputNames().get(i) + " has "
                        + xs[i].shape().dim(0) + " samples, input " + graph.inputNames().get(0) + " has "
                        + xs[0].shape().dim(0) + "; every input needs the same batch size");
            }
        }
    }

    private void checkInput(String op, int i, Tensor x) {
        Shape s = graph.inputShapes().get(i);
        boolean fits = x.rank() == s.rank() + 1;
        for (int d = 0; fits && d < s.rank(); d++) {
            fits = x.shape().dim(d + 1) == s.dim(d);
        }
        DType type = graph.inputDType(i, dtype);
        if (!fits || x.backend() != backend || x.dtype() != type) {
            throw new IllegalArgumentException("model " + op + ": " + (graph.inputNames().size() == 1 ? "input"
                    : "input " + graph.inputNames().get(i)) + " is " + x.dtype() + " " + x.shape() + " on "
                    + x.backend().name() + "; expected " + type + " [batch x " + s.toString().substring(1) + " on "
                    + backend.name());
        }
    }

    private void checkTargets(String op, Tensor[] xs, Tensor[] ts) {
        int rows = xs[0].shape().dim(0);
        for (int o = 0; o < ts.length; o++) {
            Tensor t = ts[o];
            Shape sample = targetSamples[o];
            boolean fits = t.rank() == sample.rank() + 1 && t.shape().dim(0) == rows;
            for (int d = 0; fits && d < sample.rank(); d++) {
                fits = t.shape().dim(d + 1) == sample.dim(d);
            }
            if (!fits || t.backend() != backend || t.dtype() != targetTypes[o]) {
                throw new IllegalArgumentException("model " + op + ": " + (ts.length == 1 ? "target"
                        : "target " + graph.name(graph.outputs()[o])) + " is " + t.dtype() + " " + t.shape() + " on "
                        + t.backend().name() + "; expected " + targetTypes[o] + " " + graph.targetBatch(o, rows)
                        + " on " + backend.name());
            }
        }
    }

    /** Checks that {@code data} has this model's input and output sizes. One input and output. */
    @Override
    public void checkData(String op, Dataset data) {
        int targets = targetBatchShape(1).size();
        if (data.featureCount() != inputSize() || data.targetCount() != targets) {
            throw new IllegalArgumentException(op + ": dataset has " + data.featureCount() + " features and "
                    + data.targetCount() + " target values per sample; the model takes " + inputSize()
                    + " inputs and " + targets + " target values (for " + outputSize() + " outputs)");
        }
    }

    /** The settings a builder collected, beside the graph. */
    record Settings(Optimizer optimizer, Initializer initializer, long seed, Backend backend, String backendReason,
                    DType dtype) {
    }
}
