package dev.nn4j.spark;

import dev.nn4j.io.ModelFile;
import dev.nn4j.io.ModelFormatException;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.train.LearningRateSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel training of a {@link GraphModel} (a {@code Sequential} or any graph of one input and one
 * output) on Apache Spark. Built once, reusable:
 * <pre>{@code
 * SparkFit<Sequential> fit = SparkTrainer.builder().workers(2).batchSizePerWorker(64)
 *         .sync(Sync.PARAMETERS).averagingEvery(16)
 *         .listener(new SparkProgressBar())
 *         .build()
 *         .fit(sparkContext, model, samples, 5);       // JavaRDD<Sample>
 * }</pre>
 *
 * <p>{@link #fit} first splits the samples into {@code workers} shards (example i, in the RDD's
 * order, to shard {@code i mod workers}), packed into dense float arrays and cached on the
 * executors. Then each round is one Spark job with one task per shard: the driver broadcasts
 * its model as bytes of nn4j's model file format ({@link ModelFile#toBytes}, not Java or Kryo
 * serialization of tensors), every worker rebuilds the model, trains ({@link Sync}) and
 * returns gradients or model bytes, and the driver combines them in partition order,
 * weighted by examples. Listeners run on the driver between jobs.
 *
 * <p>Per epoch every shard walks its examples in batches of {@code batchSizePerWorker}, in
 * order or (default) in a permutation fixed by the seed, the epoch and the shard. An epoch has
 * {@code ceil(n₀ / b)} local steps, n₀ being the largest shard; when shards differ in size
 * (n not a multiple of workers) the smaller shards' last batch is smaller or empty, and
 * weighting by examples keeps the average exact. Without shuffling, {@link Sync#GRADIENT}
 * therefore equals single-machine {@code fit} without shuffling at batch
 * {@code workers · batchSizePerWorker} (for models without batch norm, whose workers normalise
 * with their own batches). Batch norm's running statistics are averaged like the parameters.
 *
 * <p>Failed tasks are retried by Spark (spark.task.maxFailures; {@code local[N]} does not retry,
 * {@code local[N,F]} does): a task depends only on the broadcast bytes, its cached shard and
 * the round's plan, so a retry gives the same result and the run stays bit-reproducible.
 * The driver model is updated in place; {@code fit} is not thread-safe for one model.
 */
public final class SparkTrainer {
    private final int workers;
    private final int batchSizePerWorker;
    private final Sync sync;
    private final int averagingEvery;
    private final boolean averageOptimizerState;
    private final boolean shuffle;
    private final Long seed;
    private final LearningRateSchedule schedule;
    private final String workerBackend;
    private final List<RoundListener> listeners;
    private final FaultInjector faults;

    private SparkTrainer(Builder b) {
        this.workers = b.workers;
        this.batchSizePerWorker = b.batchSizePerWorker;
        this.sync = b.sync;
        this.averagingEvery = b.averagingEvery;
        this.averageOptimizerState = b.averageOptimizerState;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.schedule = b.schedule;
        this.workerBackend = b.workerBackend;
        this.listeners = List.copyOf(b.listeners);
        this.faults = b.faults;
    }

    /** A builder; {@link Builder#workers} and {@link Builder#batchSizePerWorker} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Shards. */
    public int workers() {
        return workers;
    }

    /** Rows of each worker's local batch. */
    public int batchSizePerWorker() {
        return batchSizePerWorker;
    }

    /** The synchronisation mode. */
    public Sync sync() {
        return sync;
    }

    /** Local steps per round (1 with {@link Sync#GRADIENT}). */
    public int averagingEvery() {
        return averagingEvery;
    }

    /**
     * Trains {@code model} (on the driver, updated in place) on {@code data} for {@code epochs}
     * epochs and returns it with the per-round history.
     *
     * @throws IllegalArgumentException when the data does not fit the model or the configuration
     *         (a shard smaller than a batch), or the workers cannot use the backend
     * @throws IllegalStateException    when a round fails for good (Spark gave up retrying) or
     *                                  a loss is not finite; the message names epoch and round
     */
    public <M extends GraphModel> SparkFit<M> fit(JavaSparkContext sc, M model, JavaRDD<Sample> data, int epochs) {
        Objects.requireNonNull(sc, "spark fit: spark context");
        Objects.requireNonNull(model, "spark fit: model");
        Objects.requireNonNull(data, "spark fit: data");
        if (epochs < 1) {
            throw new IllegalArgumentException("spark fit: epochs must be >= 1, got " + epochs);
        }
        if (model.inputNames().size() != 1 || model.outputNames().size() != 1) {
            throw new IllegalArgumentException("spark fit: the model has inputs " + model.inputNames() + " and outputs "
                    + model.outputNames() + "; Spark training takes samples of one input and one output");
        }
        String backend = workerBackend != null ? workerBackend : model.backend().name();
        JavaRDD<Shard> shards = Sharding.shard(data, workers);
        try {
            List<Sharding.Info> infos;
            try {
                infos = Sharding.inspect(shards, backend);
            } catch (Exception e) {   // Spark throws SparkException without declaring it
                throw new IllegalStateException("spark fit: sharding the data failed: " + rootMessage(e), e);
            }
            int largest = check(model, infos, backend);
            int stepsPerEpoch = (largest + batchSizePerWorker - 1) / batchSizePerWorker;
            return run(sc, model, shards, epochs, stepsPerEpoch, backend);
        } finally {
            shards.unpersist(false);
        }
    }

    /** Checks every shard against the model and the batch size; returns the largest shard's size. */
    private int check(GraphModel model, List<Sharding.Info> infos, String backend) {
        long total = 0;
        int largest = 0;
        for (Sharding.Info s : infos) {
            total += s.size();
            largest = Math.max(largest, s.size());
        }
        for (Sharding.Info s : infos) {
            if (s.backendProblem() != null) {
                throw new IllegalArgumentException("spark fit: the executor of shard " + s.index()
                        + " cannot use backend '" + backend + "': " + s.backendProblem() + "\nPut the backend's jar"
                        + " on the executors' class path (inside the application jar, or --jars), or choose another"
                        + " with workerBackend(name)");
            }
            if (s.size() < batchSizePerWorker) {
                throw new IllegalArgumentException("spark fit: batchSizePerWorker " + batchSizePerWorker
                        + " is larger than shard " + s.index() + ", which holds " + s.size() + " of the " + total
                        + " examples (example i goes to shard i mod " + workers + "); use a batch of at most "
                        + s.size() + " or fewer workers");
            }
            if (s.featureCount() != model.inputSize() || s.targetCount() != model.outputSize()) {
                throw new IllegalArgumentException("spark fit: samples have " + s.featureCount() + " features and "
                        + s.targetCount() + " target values; the model takes " + model.inputSize()
                        + " inputs and produces " + model.outputSize() + " outputs");
            }
        }
        return largest;
    }

    private <M extends GraphModel> SparkFit<M> run(JavaSparkContext sc, M model, JavaRDD<Shard> shards, int epochs, int stepsPerEpoch,
                         String backend) {
        int k = sync == Sync.GRADIENT ? 1 : averagingEvery;
        int roundsPerEpoch = (stepsPerEpoch + k - 1) / k;
        long shuffleSeed = seed != null ? seed : model.seed();
        double initialRate = model.optimizer().learningRate();
        List<RoundStats> rounds = new ArrayList<>();
        double[] epochLosses = new double[epochs];
        long start = System.nanoTime();
        SparkFit<M> result = null;
        for (RoundListener l : listeners) {
            l.onTrainBegin(epochs, roundsPerEpoch);
        }
        try {
            for (int epoch = 0; epoch < epochs; epoch++) {
                if (schedule != null) {
                    model.optimizer().setLearningRate(schedule.rate(epoch, initialRate));
                }
                double lossSum = 0;
                long examples = 0;
                for (int round = 0; round < roundsPerEpoch; round++) {
                    int first = round * k;
                    RoundPlan plan = new RoundPlan(sync, backend, batchSizePerWorker, epoch, round, first,
                            Math.min(k, stepsPerEpoch - first), shuffle, shuffleSeed,
                            sync == Sync.PARAMETERS && averageOptimizerState, faults);
                    RoundStats stats = round(sc, model, shards, plan);
                    rounds.add(stats);
                    lossSum += stats.loss() * stats.examples();
                    examples += stats.examples();
                    for (RoundListener l : listeners) {
                        l.onRoundEnd(stats);
                    }
                }
                epochLosses[epoch] = lossSum / examples;
                for (RoundListener l : listeners) {
                    l.onEpochEnd(epoch, epochLosses[epoch]);
                }
            }
            result = new SparkFit<>(model, rounds, epochLosses, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException e) {
            for (RoundListener l : listeners) {
                try {
                    l.onTrainAborted(e);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        for (RoundListener l : listeners) {
            l.onTrainEnd(result);
        }
        return result;
    }

    /** One Spark job: broadcast, compute on every shard, combine. */
    private RoundStats round(JavaSparkContext sc, GraphModel model, JavaRDD<Shard> shards, RoundPlan plan) {
        long t0 = System.nanoTime();
        // Before the optimizer's first step there is no state to send (and Adam's bare step counter would not load).
        boolean sendState = plan.withState() && hasParameterState(model);
        Broadcast<byte[]> bytes = sc.broadcast(ModelFile.toBytes(model, sendState));
        long t1 = System.nanoTime();
        List<WorkerResult> results;
        try {
            results = shards.mapPartitions(new RoundTask(bytes, plan), true).collect();
        } catch (Exception e) {   // a SparkException once Spark gives up retrying, undeclared
            bytes.destroy();
            throw new IllegalStateException(where(plan) + " failed after Spark's retries: " + rootMessage(e), e);
        }
        long t2 = System.nanoTime();
        long examples = Aggregation.examples(results);
        double lossSum = 0;
        long slowest = 0;
        for (WorkerResult r : results) {
            lossSum += r.lossSum();
            slowest = Math.max(slowest, r.nanos());
            if (!Double.isFinite(r.lossSum())) {
                bytes.destroy();
                throw new IllegalStateException(where(plan) + ": worker " + r.shard() + " saw a non-finite loss ("
                        + r.lossSum() + " summed over " + r.examples() + " examples) at learning rate "
                        + model.optimizer().learningRate() + "; lower the learning rate or check the data");
            }
        }
        if (plan.sync() == Sync.GRADIENT) {
            Aggregation.averageGradients(model, results);
            model.optimizer().step(model.parameters());
        } else {
            try {
                Aggregation.averageModels(model, results, plan.withState());
            } catch (ModelFormatException e) {
                throw new IllegalStateException(where(plan) + ": a worker returned an unreadable model: "
                        + e.getMessage(), e);
            }
        }
        bytes.destroy();
        long t3 = System.nanoTime();
        return new RoundStats(plan.epoch(), plan.round(), plan.steps(), examples, lossSum / examples,
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, slowest / 1e6, (t3 - t2) / 1e6);
    }

    private static boolean hasParameterState(GraphModel model) {
        String first = model.parameters().get(0).name() + ".";
        for (String key : model.optimizer().exportState(model.parameters()).keySet()) {
            if (key.startsWith(first)) {
                return true;
            }
        }
        return false;
    }

    private static String where(RoundPlan plan) {
        return String.format(Locale.ROOT, "spark fit: epoch %d, round %d", plan.epoch(), plan.round());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : t.getClass().getSimpleName() + ": " + t.getMessage()
                + " (" + e.getMessage().lines().findFirst().orElse("") + ")";
    }

    @Override
    public String toString() {
        return "SparkTrainer(workers " + workers + ", batch per worker " + batchSizePerWorker + ", sync " + sync
                + (sync == Sync.PARAMETERS ? ", every " + averagingEvery + " steps, optimizer state "
                + (averageOptimizerState ? "averaged" : "reset every round") : "") + ")";
    }

    /**
     * Collects the settings. Required: {@link #workers}, {@link #batchSizePerWorker}. Optional:
     * {@link #sync} (GRADIENT), {@link #averagingEvery} (1; PARAMETERS only),
     * {@link #averageOptimizerState} (true), {@link #shuffle} (true), {@link #seed} (the
     * model's), {@link #schedule}, {@link #workerBackend} (the model's backend), listeners.
     * Setters reject impossible values at once; {@link #build()} checks the combination.
     */
    public static final class Builder {
        private int workers;
        private int batchSizePerWorker;
        private Sync sync = Sync.GRADIENT;
        private int averagingEvery = 1;
        private boolean averageOptimizerState = true;
        private boolean shuffle = true;
        private Long seed;
        private LearningRateSchedule schedule;
        private String workerBackend;
        private final List<RoundListener> listeners = new ArrayList<>();
        private FaultInjector faults;

        private Builder() {
        }

        /** Shards, one Spark task each per round, {@code >= 1}; at most the executors' cores to run them at once. */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("spark trainer: workers must be >= 1, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** Rows of each worker's batch, {@code >= 1}; the combined batch is {@code workers · b}. */
        public Builder batchSizePerWorker(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("spark trainer: batchSizePerWorker must be >= 1, got " + batchSize);
            }
            this.batchSizePerWorker = batchSize;
            return this;
        }

        /** {@link Sync#GRADIENT} (exact, one job per step) or {@link Sync#PARAMETERS} (one job per K steps). */
        public Builder sync(Sync sync) {
            this.sync = Objects.requireNonNull(sync, "spark trainer: sync");
            return this;
        }

        /** K, the local steps between parameter averages ({@link Sync#PARAMETERS}), {@code >= 1}. */
        public Builder averagingEvery(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("spark trainer: averagingEvery must be >= 1, got " + steps);
            }
            this.averagingEvery = steps;
            return this;
        }

        /**
         * With {@link Sync#PARAMETERS}: average the optimizer state (momentum, Adam's moments)
         * too, which travels with the model (true, default), or let every worker start each
         * round with fresh state (false: smaller messages, but Adam restarts its bias correction
         * every round, so keep K large).
         */
        public Builder averageOptimizerState(boolean average) {
            this.averageOptimizerState = average;
            return this;
        }

        /** Permute each shard's order every epoch (default true), from the seed, the epoch and the shard. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The shuffling seed (default: the model's seed). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The learning rate per epoch, set on the driver's optimizer; it travels to the workers with the model. */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** The backend the workers build their models on (default: the driver model's backend name). */
        public Builder workerBackend(String name) {
            this.workerBackend = Objects.requireNonNull(name, "spark trainer: workerBackend");
            return this;
        }

        /** Adds a listener, called on the driver. */
        public Builder listener(RoundListener listener) {
            listeners.add(Objects.requireNonNull(listener, "spark trainer: listener"));
            return this;
        }

        /** Test hook: runs at the start of every task and may throw to simulate a failure. */
        Builder faultInjector(FaultInjector faults) {
            this.faults = faults;
            return this;
        }

        /** The trainer. */
        public SparkTrainer build() {
            if (workers == 0) {
                throw new IllegalStateException("spark trainer: workers is required, e.g. workers(2)");
            }
            if (batchSizePerWorker == 0) {
                throw new IllegalStateException("spark trainer: batchSizePerWorker is required, e.g. batchSizePerWorker(32)");
            }
            if (sync == Sync.GRADIENT && averagingEvery != 1) {
                throw new IllegalStateException("spark trainer: averagingEvery(" + averagingEvery + ") needs"
                        + " sync(Sync.PARAMETERS); gradient averaging synchronises every step");
            }
            return new SparkTrainer(this);
        }
    }
}
