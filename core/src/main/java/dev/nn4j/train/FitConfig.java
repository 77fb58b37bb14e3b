package dev.nn4j.train;

import dev.nn4j.data.Dataset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@link Trainer#fit} trains: epochs, batch size, shuffling, stop conditions (like
 * brain.js: error threshold, maximum iterations, timeout), validation data or a validation split
 * (loss and accuracy per epoch in {@link History}, as Keras), early stopping, a learning-rate
 * schedule, the non-finite-loss policy, listeners and the log line per epoch. Immutable; build
 * with {@link #builder()}.
 *
 * <p>Batch size 1 is stochastic gradient descent, {@code n} is mini-batch, and
 * {@link #FULL_BATCH} (0), {@link Integer#MAX_VALUE} or anything at least the dataset size is
 * full-batch. The last batch of an epoch holds the remainder when the size does not divide.
 */
public final class FitConfig {
    /** Batch size meaning "the whole dataset in one batch". */
    public static final int FULL_BATCH = 0;

    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final Long seed;
    private final double errorThreshold;
    private final long maxIterations;
    private final Duration timeout;
    private final EarlyStopping earlyStopping;
    private final LearningRateSchedule schedule;
    private final NonFinitePolicy nonFinitePolicy;
    private final List<TrainingListener> listeners;
    private final boolean recordStepLosses;
    private final boolean checkFinite;
    private final double divergenceFactor;
    private final Dataset validationData;
    private final double validationSplit;
    private final boolean logEpochs;
    private final Augmentation augmentation;
    private final double clipNorm;
    private final StepSchedule stepSchedule;

    private FitConfig(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.errorThreshold = b.errorThreshold;
        this.maxIterations = b.maxIterations;
        this.timeout = b.timeout;
        this.earlyStopping = b.earlyStopping;
        this.schedule = b.schedule;
        this.nonFinitePolicy = b.nonFinitePolicy;
        this.listeners = List.copyOf(b.listeners);
        this.recordStepLosses = b.recordStepLosses;
        this.checkFinite = b.checkFinite;
        this.divergenceFactor = b.divergenceFactor;
        this.validationData = b.validationData;
        this.validationSplit = b.validationSplit;
        this.logEpochs = b.logEpochs;
        this.augmentation = b.augmentation;
        this.clipNorm = b.clipNorm;
        this.stepSchedule = b.stepSchedule;
        if (schedule != null && stepSchedule != null) {
            throw new IllegalArgumentException("fit: give a schedule per epoch (schedule) or per step (stepSchedule),"
                    + " not both");
        }
    }

    /** A builder with the defaults: 1 epoch, batch 32, shuffled, no stop conditions, policy STOP. */
    public static Builder builder() {
        return new Builder();
    }

    /** Epochs to run at most. */
    public int epochs() {
        return epochs;
    }

    /** The requested batch size ({@link #FULL_BATCH} for the whole dataset). */
    public int batchSize() {
        return batchSize;
    }

    /** The batch size for a dataset of {@code n} samples: the requested size, capped at {@code n}. */
    public int batchSizeFor(int n) {
        return batchSize == FULL_BATCH ? n : Math.min(batchSize, n);
    }

    /** Whether the sample order is reshuffled every epoch. */
    public boolean shuffle() {
        return shuffle;
    }

    /** The shuffling seed, or null to split a stream from the model's generator. */
    public Long seed() {
        return seed;
    }

    /** Stop once an epoch's mean loss is at or below this; negative infinity when off. */
    public double errorThreshold() {
        return errorThreshold;
    }

    /** Stop after this many optimizer steps; {@link Long#MAX_VALUE} when off. */
    public long maxIterations() {
        return maxIterations;
    }

    /** Stop once this much time has passed (checked after every batch); null when off. */
    public Duration timeout() {
        return timeout;
    }

    /** Early stopping, or null. */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /** The learning-rate schedule, or null to leave the rate alone. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** What a NaN or infinite loss does. */
    public NonFinitePolicy nonFinitePolicy() {
        return nonFinitePolicy;
    }

    /** The listeners, in call order. */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** Whether every batch's loss is kept in {@link History#stepLosses()}. */
    public boolean recordStepLosses() {
        return recordStepLosses;
    }

    /** Whether {@code fit} first checks the training (and validation) data for NaN and infinities. */
    public boolean checkFinite() {
        return checkFinite;
    }

    /**
     * A batch loss above this factor times the reference loss (the first finite batch loss,
     * at least {@value Builder#DIVERGENCE_FLOOR}) stops training as diverged; infinity when off.
     */
    public double divergenceFactor() {
        return divergenceFactor;
    }

    /** Held-out data evaluated after every epoch, or null (see {@link Builder#validationData}). */
    public Dataset validationData() {
        return validationData;
    }

    /** The fraction of the training data held out for validation, 0 when off (see {@link Builder#validationSplit}). */
    public double validationSplit() {
        return validationSplit;
    }

    /** The learning rate per optimizer step, or null (see {@link Builder#stepSchedule}). */
    public StepSchedule stepSchedule() {
        return stepSchedule;
    }

    /** The largest global gradient norm of a step, or 0 for no clipping (see {@link Builder#clipGradientNorm}). */
    public double clipNorm() {
        return clipNorm;
    }

    /** The augmentation of training batches, or null for none (see {@link Builder#augmentation}). */
    public Augmentation augmentation() {
        return augmentation;
    }

    /** Whether {@code fit} logs a line per epoch (see {@link Builder#logEpochs}). */
    public boolean logEpochs() {
        return logEpochs;
    }

    /** Collects the settings; each setter validates at once. */
    public static final class Builder {
        private int epochs = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private Long seed;
        private double errorThreshold = Double.NEGATIVE_INFINITY;
        private long maxIterations = Long.MAX_VALUE;
        private Duration timeout;
        private EarlyStopping earlyStopping;
        private LearningRateSchedule schedule;
        private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.STOP;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private boolean recordStepLosses = true;
        private boolean checkFinite = true;
        private double divergenceFactor = DEFAULT_DIVERGENCE_FACTOR;
        private Dataset validationData;
        private double validationSplit;
        private boolean logEpochs = true;
        private Augmentation augmentation;
        private double clipNorm;
        private StepSchedule stepSchedule;

        /** The default {@link #divergenceFactor(double)}: a million times the first batch loss. */
        public static final double DEFAULT_DIVERGENCE_FACTOR = 1e6;
        /** The smallest reference loss for the divergence test, so a near-zero first loss does not make it trigger-happy. */
        public static final double DIVERGENCE_FLOOR = 1e-3;

        private Builder() {
        }

        /** Epochs to run at most, {@code >= 1}. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("fit: epochs must be >= 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Samples per batch: 1 (stochastic), {@code n} (mini-batch), or {@link #FULL_BATCH}. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 0) {
                throw new IllegalArgumentException("fit: batch size must be >= 1, or FULL_BATCH (0), got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** The whole dataset in every batch. */
        public Builder fullBatch() {
            return batchSize(FULL_BATCH);
        }

        /** Reshuffle the sample order every epoch (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Seed for shuffling (default: a stream split from the model's seeded generator). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Stop once an epoch's mean training loss is {@code <= threshold} (brain.js's errorThreshold). */
        public Builder errorThreshold(double threshold) {
            if (Double.isNaN(threshold)) {
                throw new IllegalArgumentException("fit: error threshold must be a number, got NaN");
            }
            this.errorThreshold = threshold;
            return this;
        }

        /** Stop after {@code steps >= 1} optimizer steps (brain.js's iterations counts epochs; this counts batches). */
        public Builder maxIterations(long steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("fit: maxIterations must be >= 1, got " + steps);
            }
            this.maxIterations = steps;
            return this;
        }

        /** Stop once {@code timeout} (positive) has passed. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "fit: timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("fit: timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Stop early on a validation metric (null to turn off). */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /** Change the learning rate per epoch (null to turn off). */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** What a NaN or infinite loss does (default STOP). */
        public Builder nonFinitePolicy(NonFinitePolicy policy) {
            this.nonFinitePolicy = Objects.requireNonNull(policy, "fit: nonFinitePolicy");
            return this;
        }

        /** Adds a listener. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "fit: listener"));
            return this;
        }

        /** Keep every batch's loss in the history (default true; 8 bytes per batch). */
        public Builder recordStepLosses(boolean record) {
            this.recordStepLosses = record;
            return this;
        }

        /**
         * Check the training data (and early stopping's validation data) for NaN and infinite
         * values before the first epoch, throwing {@link dev.nn4j.data.NonFiniteInputException}
         * with the row and column (default true). The cost is one sequential read of the
         * dataset's float arrays per {@code fit} call, vectorised and allocation-free: 54 ms for
         * Fashion-MNIST's 47 million training values (best of 15 on a busy 2-core AMD EPYC),
         * about 1% of one epoch, which is why it is on by default. Turn it off only for data
         * known to be clean and refitted often.
         */
        public Builder checkFinite(boolean check) {
            this.checkFinite = check;
            return this;
        }

        /**
         * Stop training with {@link DivergedLossException} once a batch loss exceeds
         * {@code factor} times the reference loss: the first finite batch loss of this
         * {@code fit} call, but at least {@value #DIVERGENCE_FLOOR}. Default
         * {@value #DEFAULT_DIVERGENCE_FACTOR}; {@link Double#POSITIVE_INFINITY} turns it off.
         * Applies under {@link NonFinitePolicy#STOP} and {@link NonFinitePolicy#SKIP_BATCH};
         * {@link NonFinitePolicy#IGNORE} never stops. Catches a loss that explodes before it
         * reaches infinity, while the weights are still finite; the update of the offending
         * batch is not applied.
         */
        public Builder divergenceFactor(double factor) {
            if (!(factor > 1)) {
                throw new IllegalArgumentException("fit: divergence factor must be > 1 (or infinity to turn it off), got "
                        + factor);
            }
            this.divergenceFactor = factor;
            return this;
        }

        /**
         * Held-out data whose loss (and, for classification data, accuracy) is computed after
         * every epoch in inference mode and kept in {@link History#validationLosses()} and
         * {@link History#validationAccuracies()}; it never trains the model. Its width is checked
         * against the model before the first step. Excludes {@link #validationSplit}.
         */
        public Builder validationData(Dataset validation) {
            this.validationData = Objects.requireNonNull(validation, "fit: validationData");
            return this;
        }

        /**
         * Holds out the last {@code fraction} of the training samples (as given, before any
         * shuffling, as Keras does) as {@link #validationData}; {@code 0 < fraction < 1}, and at
         * least one sample must remain on each side. Shuffle the dataset first if it is sorted.
         */
        public Builder validationSplit(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("fit: validationSplit must be a fraction between 0 and 1 (exclusive), got "
                        + fraction);
            }
            this.validationSplit = fraction;
            return this;
        }

        /**
         * Changes every training batch before its step (e.g. {@link Augmentation#flipsAndShifts});
         * validation and evaluation data are never changed. Its random stream is split from the
         * fit's once, so a seeded fit repeats exactly. Default null: batches as the data holds them.
         */
        public Builder augmentation(Augmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /**
         * Sets the learning rate before every optimizer update from the step count (e.g.
         * {@link StepSchedule#warmupCosine}); excludes {@link #schedule}. Default null.
         */
        public Builder stepSchedule(StepSchedule schedule) {
            this.stepSchedule = schedule;
            return this;
        }

        /**
         * Clips every step's gradients to a global L2 norm of at most {@code maxNorm} before the
         * optimizer's update, as PyTorch's {@code clip_grad_norm_}
         * ({@link dev.nn4j.optim.GradientClipping}). Default: no clipping.
         *
         * @throws IllegalArgumentException when {@code maxNorm} is not a positive finite number
         */
        public Builder clipGradientNorm(double maxNorm) {
            if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("fit: clipGradientNorm must be a positive finite number, got "
                        + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Log a line per epoch (loss, accuracy, validation loss and accuracy when there are
         * some, seconds) at {@code INFO} through {@link System.Logger} {@value Trainer#LOGGER}
         * (default true). Fast epochs are not all logged: at most one line a second, plus the
         * first epoch and the last. Turn it off when a listener (a progress bar) reports instead.
         */
        public Builder logEpochs(boolean log) {
            this.logEpochs = log;
            return this;
        }

        /** The configuration; throws when validation data and a validation split are both set. */
        public FitConfig build() {
            if (validationData != null && validationSplit > 0) {
                throw new IllegalStateException("fit: set validationData or validationSplit, not both");
            }
            return new FitConfig(this);
        }
    }
}
