package dev.nn4j.examples;

import dev.nn4j.data.Dataset;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.optim.AdamW;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import dev.nn4j.train.StepSchedule;
import dev.nn4j.train.TrainingContext;
import dev.nn4j.train.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code text}: a character language model on the fortune cookies of Debian's {@code fortunes}
 * package ({@link FortuneText}), then text sampled from it. The recipe is fixed to compare with
 * PyTorch ({@code benchmarks/pytorch_recipes.py text}): the {@link TextModels} network, context 128,
 * batch 32 of windows at random positions, AdamW (lr 1e-3, weight decay 0.01), a linear warm-up of
 * 100 steps then cosine annealing to 0 at the last step, gradients clipped to global norm 1.0,
 * 2,000 steps. Held-out bits per character (the mean cross-entropy over every character of the
 * held-out windows, in bits) are printed every {@code --eval-every} steps and at the end.
 */
@Command(name = "text", mixinStandardHelpOptions = true,
        description = "Trains a character language model (a causal transformer, or --model lstm) on Debian's fortune"
                + " cookies, prints held-out bits per character as it trains, then samples text from --prompt.")
final class TextCommand implements Callable<Integer> {
    /** The network: {@link TextModels#transformer} or {@link TextModels#lstm}. */
    enum Architecture { transformer, lstm }

    @Mixin
    BackendOption backend = new BackendOption();

    @Mixin
    OutOption out = new OutOption();

    @Option(names = "--model", paramLabel = "NAME", description = "transformer (4 pre-norm causal blocks of 128, 4 heads,"
            + " MLP 512, GELU) or lstm (2 layers of 256) (default: ${DEFAULT-VALUE}).")
    Architecture model = Architecture.transformer;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of text files (default: ${DEFAULT-VALUE}).")
    Path data = FortuneText.DEBIAN_FORTUNES;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps = 2000;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Warm-up steps before the cosine annealing (default: 100, or half of --steps when fewer than 200).")
    Integer warmup;

    @Option(names = "--batch", paramLabel = "N", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batch = 32;

    @Option(names = "--context", paramLabel = "N", description = "Characters per window (default: ${DEFAULT-VALUE}).")
    int context = 128;

    @Option(names = "--learning-rate", paramLabel = "R", description = "AdamW's peak learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 1e-3;

    @Option(names = "--weight-decay", paramLabel = "W", description = "AdamW's decoupled weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay = 0.01;

    @Option(names = "--clip", paramLabel = "NORM",
            description = "Scale the gradients down to this global norm when above it; 0: no clipping (default: ${DEFAULT-VALUE}).")
    double clip = 1.0;

    @Option(names = "--eval-every", paramLabel = "N", description = "Steps between held-out evaluations (default: ${DEFAULT-VALUE}).")
    int evalEvery = 200;

    @Option(names = "--eval-windows", paramLabel = "N",
            description = "Held-out windows evaluated (default: all, about 1,000 of 128 characters).")
    Integer evalWindows;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Text the sample starts from (default: '${DEFAULT-VALUE}').")
    String prompt = "Q: ";

    @Option(names = "--temperature", paramLabel = "T",
            description = "Sampling temperature: 1 samples the model's distribution, lower is more conservative, 0 takes"
                    + " the likeliest character (default: ${DEFAULT-VALUE}).")
    double temperature = 0.8;

    @Option(names = "--length", paramLabel = "N", description = "Characters to sample (default: ${DEFAULT-VALUE}).")
    int length = 400;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the weights, the windows and the sample (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model to FILE (nn4j model format).")
    Path save;

    @Option(names = "--load", paramLabel = "FILE",
            description = "Sample from a model saved with --save instead of training one (the training options are"
                    + " not used; the context is the model's).")
    Path load;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON summary of the run to FILE.")
    Path report;

    @Option(names = "--target-bits", paramLabel = "B",
            description = "Exit with code 1 when the final held-out bits per character end above B (default: no target).")
    Double targetBits;

    private final PrintStream log = System.out;

    @Override
    public Integer call() throws IOException {
        validate();
        Backend b = backend.resolve();
        if (load != null) {
            return sampleSaved(b);
        }
        FortuneText text = FortuneText.load(data, context);
        Dataset heldOut = text.heldOutWindows(context, evalWindows);
        Dataset windows = text.randomWindows(steps * batch, context, new SplittableRandom(seed));
        AdamW optimizer = new AdamW(learningRate, weightDecay);
        int warm = warmup != null ? warmup : Math.min(100, steps / 2);
        try (GraphModel m = model == Architecture.lstm
                ? TextModels.lstm(FortuneText.VOCABULARY, context, optimizer, seed, b)
                : TextModels.transformer(FortuneText.VOCABULARY, context, optimizer, seed, b)) {
            log.printf(Locale.ROOT, "text: %,d training and %,d held-out characters from %d files in %s%n%s%n%s%n",
                    text.trainLength(), text.heldOutLength(), text.files().size(), data.toAbsolutePath(), m, m.summary());
            log.printf(Locale.ROOT, "%d steps of %d windows of %d characters; AdamW %s (weight decay %s), warm-up %d then"
                    + " cosine to 0; clipping at %s; held-out: %d windows%n", steps, batch, context, learningRate,
                    weightDecay, warm, clip, heldOut.size());
            Evaluations evals = new Evaluations(heldOut);
            FitConfig.Builder fit = FitConfig.builder().epochs(1).batchSize(batch).shuffle(false).seed(seed)
                    .recordStepLosses(false).logEpochs(false)
                    .stepSchedule(StepSchedule.warmupCosine(warm, steps, 0))
                    .listener(evals);
            if (clip > 0) {
                fit.clipGradientNorm(clip);
            }
            History h = m.fit(windows, fit.build());
            if (evals.steps.isEmpty() || evals.steps.get(evals.steps.size() - 1) != steps) {
                evals.evaluate(m, steps);
            }
            double bits = evals.heldOut.get(evals.heldOut.size() - 1);
            double trainSeconds = h.seconds() - evals.seconds;
            log.printf(Locale.ROOT, "Trained %d steps in %.1f s (%.1f ms per step, evaluations not counted) on %s;"
                    + " held-out %.4f bits per character%n", steps, trainSeconds, 1000 * trainSeconds / steps, b.name(),
                    bits);
            String sample = sample(m, prompt, length, temperature, new SplittableRandom(seed + 1));
            log.println("Sample (temperature " + temperature + "):");
            log.println(prompt + sample);
            Path plot = out.file("text-" + model + "-curves.png");
            double[] x = evals.steps.stream().mapToDouble(Integer::doubleValue).toArray();
            new LineChart("Character language model (" + model + ") on fortunes", "step", "bits per character", false)
                    .add("training (mean since the previous point)", toArray(evals.train), x)
                    .add("held-out", toArray(evals.heldOut), x)
                    .write(plot, 900, 540);
            log.println("Curves written to " + plot.toAbsolutePath());
            if (save != null) {
                ModelFile.save(m, save);
                log.println("Model saved to " + save.toAbsolutePath());
            }
            if (report != null) {
                new RunReport("text")
                        .put("backend", b.name())
                        .put("model", model.name())
                        .put("steps", steps)
                        .put("batch", batch)
                        .put("context", context)
                        .put("learningRate", learningRate)
                        .put("weightDecay", weightDecay)
                        .put("warmup", warm)
                        .put("clip", clip)
                        .put("seed", seed)
                        .put("trainCharacters", text.trainLength())
                        .put("heldOutCharacters", text.heldOutLength())
                        .put("heldOutWindows", heldOut.size())
                        .put("parameters", m.parameterCount())
                        .put("seconds", trainSeconds)
                        .put("millisecondsPerStep", 1000 * trainSeconds / steps)
                        .put("heldOutBitsPerChar", bits)
                        .put("evaluationSteps", evals.steps)
                        .put("trainBitsPerChar", evals.train)
                        .put("heldOutBitsPerCharCurve", evals.heldOut)
                        .put("prompt", prompt)
                        .put("temperature", temperature)
                        .put("sample", sample)
                        .write(report);
                log.println("Report written to " + report.toAbsolutePath());
            }
            return targetBits == null ? 0 : Goal.atMost("held-out bits per character", targetBits).report(bits, log);
        }
    }

    /** {@code --load}: prints a sample of the saved model, nothing else. */
    private int sampleSaved(Backend b) throws IOException {
        try (GraphModel m = ModelFile.loadGraph(load, b, null)) {
            boolean characters = m.inputNames().size() == 1 && !m.inputDType(m.inputNames().get(0)).isFloating()
                    && m.outputNames().size() == 1 && m.outputShapes().values().iterator().next()
                    .equals(dev.nn4j.tensor.Shape.of(m.inputShape().dim(0), FortuneText.VOCABULARY));
            if (!characters) {
                throw new IllegalArgumentException("--load " + load + ": the model reads " + m.inputShapes()
                        + " and gives " + m.outputShapes() + "; a character model of this demo reads token ids [steps]"
                        + " and gives [steps x " + FortuneText.VOCABULARY + "]");
            }
            log.println("Sample of " + load + " (temperature " + temperature + "):");
            log.println(prompt + sample(m, prompt, length, temperature, new SplittableRandom(seed + 1)));
            return 0;
        }
    }

    /** The held-out evaluation every {@code --eval-every} steps, with the mean training loss since the previous one. */
    private final class Evaluations implements TrainingListener {
        private final Dataset windows;
        final List<Integer> steps = new ArrayList<>();
        final List<Double> train = new ArrayList<>();
        final List<Double> heldOut = new ArrayList<>();
        /** Seconds spent evaluating, left out of the training time. */
        double seconds;
        private double lossSum;
        private int lossCount;

        Evaluations(Dataset windows) {
            this.windows = windows;
        }

        @Override
        public void onBatchEnd(TrainingContext c) {
            lossSum += c.loss();
            lossCount++;
            long step = c.step();
            if (step % evalEvery == 0 || step == TextCommand.this.steps) {
                evaluate((GraphModel) c.model(), (int) step);
            }
        }

        /** Evaluates the held-out windows after {@code step} steps and prints the line. */
        void evaluate(GraphModel m, int step) {
            long start = System.nanoTime();
            double bits = m.loss(windows) / Math.log(2);
            seconds += (System.nanoTime() - start) / 1e9;
            double trainBits = lossCount == 0 ? Double.NaN : lossSum / lossCount / Math.log(2);
            lossSum = 0;
            lossCount = 0;
            steps.add(step);
            train.add(trainBits);
            heldOut.add(bits);
            log.printf(Locale.ROOT, "step %5d  train %.4f bpc  held-out %.4f bpc%n", step, trainBits, bits);
        }
    }

    /**
     * {@code length} characters drawn one at a time after {@code prompt}: each from the softmax of
     * the logits at the last position (divided by {@code temperature}; 0 takes the likeliest), the
     * model reading at most its last {@code context} characters (a shorter text sits at the start of
     * the window; the causal mask keeps the positions after it out).
     */
    String sample(GraphModel m, String prompt, int length, double temperature, SplittableRandom random) {
        List<Integer> ids = new ArrayList<>();
        for (int id : FortuneText.encode(prompt.isEmpty() ? "\n" : prompt)) {
            ids.add(id);
        }
        StringBuilder sb = new StringBuilder();
        int context = m.inputShape().dim(0);
        int[] window = new int[context];
        try (Tensor x = m.backend().zeros(DType.INT32, 1, context)) {
            for (int i = 0; i < length; i++) {
                int n = Math.min(ids.size(), context);
                java.util.Arrays.fill(window, 0);
                for (int k = 0; k < n; k++) {
                    window[k] = ids.get(ids.size() - n + k);
                }
                x.setAll(window);
                float[] logits;
                try (Tensor y = m.predict(x)) {
                    logits = y.toFloatArray();
                }
                int next = draw(logits, (n - 1) * FortuneText.VOCABULARY, temperature, random);
                ids.add(next);
                sb.append(FortuneText.character(next));
            }
        }
        return sb.toString();
    }

    /** A class drawn from the softmax of {@code logits[offset .. offset + VOCABULARY)} at {@code temperature}. */
    static int draw(float[] logits, int offset, double temperature, SplittableRandom random) {
        int best = 0;
        for (int j = 1; j < FortuneText.VOCABULARY; j++) {
            if (logits[offset + j] > logits[offset + best]) {
                best = j;
            }
        }
        if (temperature == 0) {
            return best;
        }
        double[] p = new double[FortuneText.VOCABULARY];
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp((logits[offset + j] - logits[offset + best]) / temperature);
            sum += p[j];
        }
        double u = random.nextDouble() * sum;
        for (int j = 0; j < p.length; j++) {
            u -= p[j];
            if (u < 0) {
                return j;
            }
        }
        return best;
    }

    /** Checks the numbers; throws IllegalArgumentException (exit code 2) naming the option. */
    void validate() {
        TrainingOptions.positive("--steps", steps);
        TrainingOptions.positive("--batch", batch);
        TrainingOptions.positive("--context", context);
        TrainingOptions.positive("--eval-every", evalEvery);
        if (evalWindows != null) {
            TrainingOptions.positive("--eval-windows", evalWindows);
        }
        if (length < 0) {
            throw new IllegalArgumentException("--length must be >= 0, got " + length);
        }
        if (warmup != null && (warmup < 0 || warmup >= steps)) {
            throw new IllegalArgumentException("--warmup must be in [0, --steps), got " + warmup);
        }
        nonNegative("--temperature", temperature);
        nonNegative("--weight-decay", weightDecay);
        nonNegative("--clip", clip);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--learning-rate must be a positive number, got " + learningRate);
        }
    }

    private static void nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number >= 0, got " + value);
        }
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
