package dev.nn4j.train;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.data.Dataset;
import dev.nn4j.data.FiniteCheck;
import dev.nn4j.eval.Predictions;
import dev.nn4j.model.Model;
import dev.nn4j.optim.GradientClipping;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The training loop. Per epoch: apply the learning-rate schedule, shuffle the sample order,
 * then for every batch copy the samples into batch tensors, forward, error, backward,
 * update ({@link Model#computeGradients} and the optimizer); afterwards early stopping
 * and the error threshold may end training. See {@link FitConfig} for every option.
 *
 * <p>The batch tensors are allocated once per call ({@code [batch x in]} and
 * {@code [batch x out]}, plus one pair for a smaller last batch); the model's layers reuse
 * their own buffers, so the loop allocates nothing per step. Epoch losses are means per
 * sample, weighted by batch size. For classification data ({@link Dataset#hasLabels()}) the
 * argmax of each batch's outputs, taken before the update, feeds
 * {@link TrainingContext#trainingAccuracy()}: one argmax over {@code [batch x classes]} per step.
 *
 * <p>Everything {@code fit} is given is checked before the first step: the widths of the training
 * data, of the validation data and of early stopping's data against the model (messages name
 * which data), and by default all of them for NaN and infinities. With validation data or a split
 * ({@link FitConfig}), the validation loss and accuracy are computed after every epoch.
 *
 * <p><b>Interrupts.</b> {@link Thread#interrupt()} of the training thread stops training after
 * the step in progress: {@code fit} returns the {@link History} so far with
 * {@link StopReason#INTERRUPTED} (the interrupted epoch's partial loss included, no validation for
 * it), the model holds the weights of the last completed step (or early stopping's best ones,
 * when it restores them), and the thread's interrupt status stays set for the caller to see.
 */
public final class Trainer implements AutoCloseable {
    /** The name of the {@link System.Logger} that logs a line per epoch. */
    public static final String LOGGER = "dev.nn4j.train";

    private final Model model;
    private final Dataset data;
    private final FitConfig config;
    private final List<TrainingListener> listeners;
    private final int samples;
    private final int batchSize;
    private final int[] order;
    private final Rng rng;
    private final Tensor x;
    private final Tensor y;
    private final Tensor lastX;
    private final Tensor lastY;
    private final float[] xScratch;
    /** The fit's augmentation applied to a batch's host rows, or null. */
    private final java.util.function.ObjIntConsumer<float[]> augment;
    private final float[] yScratch;
    private final int[] labels;
    private final int[] predicted;
    private final int[] lastPredicted;
    private final TrainingContext context;

    private final DoubleList epochLosses = new DoubleList();
    /** The optimizer's learning rate when the fit began, which the schedules scale. */
    private double initialRate;
    private final DoubleList stepLosses = new DoubleList();
    private final DoubleList validationScores = new DoubleList();
    private final DoubleList accuracies = new DoubleList();
    private final DoubleList validationLosses = new DoubleList();
    private final DoubleList validationAccuracies = new DoubleList();
    private final Dataset validation;
    private final EpochLog log;
    private final List<Tensor> bestWeights = new ArrayList<>();
    private double bestScore = Double.NaN;
    private int bestEpoch = -1;
    private int epochsWithoutImprovement;
    private double lastFiniteLoss = Double.NaN;
    private double referenceLoss = Double.NaN;
    private int skippedBatches;
    private StopReason stop;

    private Trainer(Model model, Dataset data, FitConfig config) {
        Objects.requireNonNull(data, "fit: data");
        Objects.requireNonNull(config, "fit: config");
        model.checkData("fit", data);
        int held = heldOut(data.size(), config.validationSplit());
        Dataset validation = held > 0 ? lastRows(data, held) : config.validationData();
        EarlyStopping es = config.earlyStopping();
        if (validation != null) {
            model.checkData("fit: validation data", validation);
        }
        if (es != null) {
            model.checkData("fit: early stopping's validation data", es.validation());
        }
        if (config.checkFinite()) {
            FiniteCheck.requireFinite("fit", data);
            if (config.validationData() != null) {
                FiniteCheck.requireFinite("fit (validation data)", validation);
            }
            if (es != null) {
                FiniteCheck.requireFinite("fit (early stopping's validation data)", es.validation());
            }
        }
        this.model = model;
        this.data = data;
        this.config = config;
        this.validation = validation;
        this.log = new EpochLog(config.logEpochs());
        this.listeners = config.listeners();
        this.samples = data.size() - held;
        this.batchSize = config.batchSizeFor(samples);
        this.order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        this.rng = config.seed() != null ? new Rng(config.seed()) : model.newRandomStream();
        int remainder = samples % batchSize;
        this.x = model.backend().create(model.inputDType(), model.batchShape(batchSize));
        this.y = batchTensor(batchSize);
        this.lastX = remainder == 0 ? null : model.backend().create(model.inputDType(), model.batchShape(remainder));
        this.lastY = remainder == 0 ? null : batchTensor(remainder);
        this.xScratch = new float[batchSize * model.inputSize()];
        Augmentation augmentation = config.augmentation();
        if (augmentation != null) {
            Rng augmentRng = rng.split();                              // only then: without one, the shuffles stay as before
            Shape sample = model.inputShape();
            this.augment = (rows, count) -> augmentation.apply(rows, count, sample, augmentRng);
        } else {
            this.augment = null;
        }
        this.yScratch = new float[model.targetBatchShape(batchSize).size()];
        this.labels = data.hasLabels() ? data.labels() : null;
        this.predicted = labels == null ? null : new int[batchSize];
        this.lastPredicted = labels == null || remainder == 0 ? null : new int[remainder];
        this.context = new TrainingContext(model, config.epochs(), (samples + batchSize - 1) / batchSize);
    }

    /** Samples {@link FitConfig#validationSplit()} holds out of {@code n}; 0 without a split. */
    private static int heldOut(int n, double fraction) {
        if (fraction == 0) {
            return 0;
        }
        int held = (int) Math.round(n * fraction);
        if (held < 1 || held >= n) {
            throw new IllegalArgumentException("fit: validationSplit " + fraction + " of " + n + " samples holds out "
                    + held + "; at least one sample must remain for training and one for validation");
        }
        return held;
    }

    /** A copy of the last {@code n} samples of {@code data} (the training part is used in place). */
    private static Dataset lastRows(Dataset data, int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = data.size() - n + i;
        }
        return data.select(rows);
    }

    /** Trains {@code model} on {@code data} as {@code config} says and returns what happened. */
    public static History fit(Model model, Dataset data, FitConfig config) {
        try (Trainer trainer = new Trainer(model, data, config)) {
            try {
                return trainer.run();
            } catch (RuntimeException e) {
                trainer.abort(e);
                throw e;
            }
        }
    }

    /** Tells every listener that training ends with {@code cause}; a listener's own failure is attached to it. */
    private void abort(RuntimeException cause) {
        for (TrainingListener l : listeners) {
            try {
                l.onTrainAborted(context, cause);
            } catch (RuntimeException suppressed) {
                cause.addSuppressed(suppressed);
            }
        }
    }

    private History run() {
        context.startNanos = System.nanoTime();
        initialRate = model.optimizer().learningRate();
        for (TrainingListener l : listeners) {
            l.onTrainBegin(context);
        }
        for (int epoch = 0; epoch < config.epochs() && stop == null; epoch++) {
            context.beginEpoch(epoch);
            if (Thread.currentThread().isInterrupted()) {
                stop = StopReason.INTERRUPTED;
                break;
            }
            applySchedule(epoch);
            for (TrainingListener l : listeners) {
                l.onEpochBegin(context);
            }
            if (config.shuffle()) {
                rng.shuffle(order);
            }
            runEpoch();
            if (stop == StopReason.INTERRUPTED) {
                break;
            }
            endEpoch();
        }
        if (stop == StopReason.INTERRUPTED) {
            log.interrupted(context);
        }
        if (stop == null) {
            stop = StopReason.EPOCHS_COMPLETED;
        }
        EarlyStopping es = config.earlyStopping();
        if (es != null && es.restoreBestWeights() && bestEpoch >= 0) {
            copyWeights(false);
        }
        context.stopReason = stop;
        for (TrainingListener l : listeners) {
            l.onTrainEnd(context);
        }
        return new History(epochLosses.toArray(), stepLosses.toArray(), validationScores.toArray(), stop,
                context.step, context.samplesSeen, skippedBatches, bestEpoch, context.elapsedSeconds(),
                new History.Series(accuracies.toArray(), validationLosses.toArray(), validationAccuracies.toArray()));
    }

    private void runEpoch() {
        double lossSum = 0;
        long lossSamples = 0;
        List<Parameter> parameters = model.parameters();
        int batch = 0;
        for (int start = 0; start < samples && stop == null; start += batchSize, batch++) {
            int rows = Math.min(batchSize, samples - start);
            Tensor bx = rows == batchSize ? x : lastX;
            Tensor by = rows == batchSize ? y : lastY;
            data.fillBatch(order, start, bx, by, xScratch, yScratch, augment);
            double loss = model.computeGradients(bx, by);              // forward, error, backward
            if (config.clipNorm() > 0 && Double.isFinite(loss)) {
                GradientClipping.clipByGlobalNorm(parameters, config.clipNorm());
            }
            if (labels != null) {
                scoreBatch(start, rows == batchSize ? predicted : lastPredicted);
            }
            context.batch = batch;
            context.loss = loss;
            boolean finite = Double.isFinite(loss);
            if (finite && config.nonFinitePolicy() != NonFinitePolicy.IGNORE) {
                checkDivergence(batch, loss);
            }
            if (finite || config.nonFinitePolicy() == NonFinitePolicy.IGNORE) {
                applyStepSchedule();
                model.optimizer().step(parameters);                    // update
                context.step++;
                context.samplesSeen += rows;
                lossSum += loss * rows;
                lossSamples += rows;
                if (finite) {
                    lastFiniteLoss = loss;
                }
            } else if (config.nonFinitePolicy() == NonFinitePolicy.STOP) {
                throw new NonFiniteLossException(context.epoch, batch, context.step, loss, lastFiniteLoss,
                        model.optimizer().learningRate());
            } else {
                skippedBatches++;
            }
            if (config.recordStepLosses()) {
                stepLosses.add(loss);
            }
            for (TrainingListener l : listeners) {
                l.onBatchEnd(context);
            }
            checkStopConditions();
        }
        context.epochLoss = lossSamples > 0 ? lossSum / lossSamples : Double.NaN;
        epochLosses.add(context.epochLoss);
    }

    /** Throws {@link DivergedLossException} when {@code loss} exceeds the divergence factor times the first batch loss. */
    private void checkDivergence(int batch, double loss) {
        if (Double.isNaN(referenceLoss)) {
            referenceLoss = Math.max(loss, FitConfig.Builder.DIVERGENCE_FLOOR);
        } else if (loss > config.divergenceFactor() * referenceLoss) {
            throw new DivergedLossException(context.epoch, batch, context.step, loss, referenceLoss,
                    config.divergenceFactor(), lastFiniteLoss, model.optimizer().learningRate());
        }
    }

    /** Counts the batch's correct predictions (argmax of the outputs before the update) into the context. */
    private void scoreBatch(int start, int[] out) {
        Ops.argmaxRows(model.lastOutput(), out);
        int correct = 0;
        for (int r = 0; r < out.length; r++) {
            if (out[r] == labels[order[start + r]]) {
                correct++;
            }
        }
        context.epochCorrect += correct;
        context.epochScored += out.length;
    }

    private void checkStopConditions() {
        if (Thread.currentThread().isInterrupted()) {
            stop = StopReason.INTERRUPTED;
        } else if (context.stopRequested) {
            stop = StopReason.LISTENER;
        } else if (context.step >= config.maxIterations()) {
            stop = StopReason.MAX_ITERATIONS;
        } else if (config.timeout() != null && System.nanoTime() - context.startNanos >= config.timeout().toNanos()) {
            stop = StopReason.TIMEOUT;
        }
    }

    private void endEpoch() {
        if (labels != null) {
            accuracies.add(context.trainingAccuracy());
        }
        double validationLoss = Double.NaN;
        double validationAccuracy = Double.NaN;
        if (validation != null) {
            validationLoss = model.loss(validation);
            validationLosses.add(validationLoss);
            if (validation.hasLabels()) {
                validationAccuracy = Predictions.accuracy(model, validation);
                validationAccuracies.add(validationAccuracy);
            }
        }
        context.validationLoss = validationLoss;
        context.validationAccuracy = validationAccuracy;
        EarlyStopping es = config.earlyStopping();
        if (es != null) {
            double score = es.metric().evaluate(model, es.validation());
            context.validationScore = score;
            validationScores.add(score);
            if (es.improves(score, bestScore)) {
                bestScore = score;
                bestEpoch = context.epoch;
                epochsWithoutImprovement = 0;
                copyWeights(true);
            } else if (++epochsWithoutImprovement >= es.patience() && stop == null) {
                stop = StopReason.EARLY_STOPPING;
            }
        }
        if (stop == null && context.epochLoss <= config.errorThreshold()) {
            stop = StopReason.ERROR_THRESHOLD;
        }
        log.epochEnded(context, stop != null || context.epoch == config.epochs() - 1, validationLoss,
                validationAccuracy);
        for (TrainingListener l : listeners) {
            l.onEpochEnd(context);
        }
    }

    private void applyStepSchedule() {
        StepSchedule schedule = config.stepSchedule();
        if (schedule == null) {
            return;
        }
        double rate = schedule.rate(context.step, initialRate);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException("fit: step schedule " + schedule + " gave learning rate " + rate
                    + " for step " + context.step + " (initial " + initialRate + "); rates must be finite and >= 0");
        }
        model.optimizer().setLearningRate(rate);
    }

    private void applySchedule(int epoch) {
        LearningRateSchedule schedule = config.schedule();
        if (schedule == null) {
            return;
        }
        double rate = schedule.rate(epoch, initialRate);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException("fit: schedule " + schedule + " gave learning rate " + rate + " for epoch "
                    + epoch + " (initial " + initialRate + "); rates must be finite and >= 0");
        }
        model.optimizer().setLearningRate(rate);
    }

    /** Copies the parameters into the best-weights tensors ({@code save}) or back. */
    private void copyWeights(boolean save) {
        List<Parameter> parameters = model.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Tensor value = parameters.get(i).value();
            if (bestWeights.size() <= i) {
                bestWeights.add(Ops.like(value));
            }
            if (save) {
                Ops.copy(value, bestWeights.get(i));
            } else {
                Ops.copy(bestWeights.get(i), value);
            }
        }
    }

    private Tensor batchTensor(int rows) {
        return model.backend().create(model.targetDType(), model.targetBatchShape(rows));
    }

    /** Releases the batch and best-weights tensors. */
    @Override
    public void close() {
        x.close();
        y.close();
        if (lastX != null) {
            lastX.close();
            lastY.close();
        }
        for (Tensor t : bestWeights) {
            t.close();
        }
    }
}
