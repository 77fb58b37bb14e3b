package dev.nn4j.io;

import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.toy.NeuralNetwork;
import dev.nn4j.train.FitConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The models behind the fixtures in {@code src/test/resources/dev/nn4j/io/v0.1}: files that nn4j 0.1 (revision
 * 48a7402) wrote, which every later version must load and predict the same ({@link LegacyFileConformance}), and
 * 0.1's training from those files and from a seed, which every later version must repeat
 * ({@link LegacyTrainingConformance}). {@link #main} writes them; it was run on 0.1's code, from the root of a later
 * checkout, with:
 * <pre>
 *   git worktree add /tmp/v01 48a7402 &amp;&amp; sed -e 's/^import dev\.nn4j\.tensor\.Activation;/import dev.nn4j.nn.Activation;/' \
 *       -e 's/^import dev\.nn4j\.tensor\.Backend;/import dev.nn4j.backend.Backend;/' \
 *       core/src/test/java/dev/nn4j/io/LegacyFixtures.java &gt; /tmp/v01/core/src/test/java/dev/nn4j/io/LegacyFixtures.java \
 *   &amp;&amp; cd /tmp/v01 &amp;&amp; mvn -q -o test-compile -pl core,backend-plain &amp;&amp; \
 *   mvn -q -o dependency:build-classpath -pl core -Dmdep.outputFile=cp.txt &amp;&amp; \
 *   java --add-modules jdk.incubator.vector \
 *       -cp core/target/classes:core/target/test-classes:backend-plain/target/classes:$(cat core/cp.txt) \
 *       dev.nn4j.io.LegacyFixtures DIR
 * </pre>
 * (the {@code sed} puts back the two imports whose classes have moved since 0.1; the rest of this file compiles
 * against 0.1 unchanged). The model files and {@code expected.txt} come from the reference array kernels
 * ({@link OtherBackend}); the training in {@code training.txt} ran on the plain backend with its Vector API
 * kernels (the machine's preferred width, 512 bits), as {@link #train} does it. The inputs are made here from
 * fixed seeds, so the tests make the same ones; the expected outputs, losses and weights are 0.1's, written as
 * hexadecimal doubles.
 */
public final class LegacyFixtures {
    /** An MLP with Adam's state: dense 6-16 tanh, 16-8 leaky ReLU, 8-3 softmax, trained 20 epochs. */
    static final String MLP = "mlp-adam.nn4j";
    /** The same layers in float64, without optimizer state. */
    static final String MLP64 = "mlp-float64.nn4j";
    /** A CNN of every image layer of 0.1, trained 3 epochs so batch norm's running statistics moved. */
    static final String CNN = "cnn.nn4j";
    /** The Toy facade's JSON: a 3-5-2 network trained 200 single-sample steps. */
    static final String TOY = "toy.json";
    /** The MLP's layers with SGD and momentum 0.9, trained 20 epochs, with the velocities. */
    static final String MLP_MOMENTUM = "mlp-sgd-momentum.nn4j";
    /** The MLP's layers in float64 with SGD and Nesterov momentum 0.9, trained 20 epochs, with the velocities. */
    static final String MLP_NESTEROV64 = "mlp-sgd-nesterov-float64.nn4j";
    /** The files with optimizer state whose training {@link #main} resumed for {@link #RESUMED_STEPS} steps. */
    static final String[] RESUMED = {MLP, MLP_MOMENTUM, MLP_NESTEROV64, CNN};
    /** Steps of resumed training. */
    static final int RESUMED_STEPS = 10;
    /** The name, in {@code training.txt}, of the MLP trained from its seed for {@link #SEEDED_STEPS} steps. */
    static final String SEEDED = "mlp-from-seed";
    /** Steps of the MLP trained from its seed. */
    static final int SEEDED_STEPS = 20;
    /** Rows of a training batch; the last batch of a pass over the data has the rest. */
    static final int BATCH = 8;

    private LegacyFixtures() {
    }

    /** Inputs of {@code features} values in [-1, 1) from a fixed seed. */
    static double[][] inputs(int rows, int features, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[rows][features];
        for (double[] row : x) {
            for (int j = 0; j < features; j++) {
                row[j] = 2 * r.nextDouble() - 1;
            }
        }
        return x;
    }

    /** One-hot targets of {@code classes} classes from a fixed seed. */
    static double[][] targets(int rows, int classes, long seed) {
        Random r = new Random(seed);
        double[][] y = new double[rows][classes];
        for (double[] row : y) {
            row[r.nextInt(classes)] = 1;
        }
        return y;
    }

    static double[][] mlpInputs() {
        return inputs(5, 6, 11);
    }

    static double[][] cnnInputs() {
        return inputs(3, 2 * 8 * 8, 12);
    }

    static double[][] toyInputs() {
        return inputs(4, 3, 13);
    }

    /** Features of the data that training steps run on: 36 rows, so passes of 8, 8, 8, 8 and 4 rows. */
    static double[][] mlpTrainingInputs() {
        return inputs(36, 6, 51);
    }

    static double[][] mlpTrainingTargets() {
        return targets(36, 3, 52);
    }

    static double[][] cnnTrainingInputs() {
        return inputs(20, 2 * 8 * 8, 53);
    }

    static double[][] cnnTrainingTargets() {
        return targets(20, 3, 54);
    }

    /** The training data for the fixture {@code name}: the MLPs' or the CNN's. */
    static double[][][] trainingData(String name) {
        return name.equals(CNN) ? new double[][][] {cnnTrainingInputs(), cnnTrainingTargets()}
                : new double[][][] {mlpTrainingInputs(), mlpTrainingTargets()};
    }

    /**
     * {@code steps} calls of {@code trainStep}, on batches of {@link #BATCH} rows taken in order from {@code x} and
     * {@code y} and starting over at the end (the last batch of a pass has the rows that are left); the loss of
     * each step. The same code runs in 0.1 and in the tests.
     */
    static double[] train(Sequential model, double[][] x, double[][] y, int steps) {
        double[] losses = new double[steps];
        int start = 0;
        for (int step = 0; step < steps; step++) {
            int end = Math.min(start + BATCH, x.length);
            try (Tensor rows = model.backend().matrix(model.dtype(), Arrays.copyOfRange(x, start, end));
                 Tensor xb = Ops.reshape(rows, model.batchShape(end - start));
                 Tensor yb = model.backend().matrix(model.dtype(), Arrays.copyOfRange(y, start, end))) {
                losses[step] = model.trainStep(xb, yb);
            }
            start = end == x.length ? 0 : end;
        }
        return losses;
    }

    /** The MLP that {@link #SEEDED} trains: {@link #MLP}'s layers, seed and Adam, in float32. */
    static Sequential seededMlp(Backend backend) {
        return mlp(backend, DType.FLOAT32, new Adam(0.01));
    }

    private static Sequential mlp(Backend backend, DType dtype) {
        return mlp(backend, dtype, new Adam(0.01));
    }

    private static Sequential mlp(Backend backend, DType dtype, Optimizer optimizer) {
        return Sequential.builder().input(6).dense(16, Activation.TANH).dense(8, Activation.leakyRelu(0.1))
                .dense(3, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(optimizer)
                .initializer(Initializer.HE).seed(5).backend(backend).dtype(dtype).build();
    }

    private static Sequential cnn(Backend backend) {
        return Sequential.builder().input(2, 8, 8)
                .conv2d(4, 3, Padding.same(), Activation.IDENTITY).batchNorm().activation(Activation.RELU).maxPool(2)
                .conv2d(6, 3, Padding.valid(), Activation.TANH).avgPool(1)
                .flatten().dense(10, Activation.RELU).dropout(0.25).dense(3, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.005)).initializer(Initializer.HE)
                .seed(6).backend(backend).build();
    }

    /** Writes the fixtures, {@code expected.txt} and {@code training.txt} into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Backend b = OtherBackend.INSTANCE;
        StringBuilder expected = new StringBuilder();

        Sequential mlp = mlp(b, DType.FLOAT32);
        mlp.fit(Dataset.of(inputs(32, 6, 21), targets(32, 3, 22)), FitConfig.builder().epochs(20).batchSize(8).seed(3).build());
        ModelFile.save(mlp, dir.resolve(MLP), true);
        record(expected, MLP, mlp.predict(mlpInputs()));

        Sequential mlp64 = mlp(b, DType.FLOAT64);
        mlp64.fit(Dataset.of(inputs(32, 6, 21), targets(32, 3, 22)), FitConfig.builder().epochs(20).batchSize(8).seed(3).build());
        ModelFile.save(mlp64, dir.resolve(MLP64), false);
        record(expected, MLP64, mlp64.predict(mlpInputs()));

        Sequential cnn = cnn(b);
        cnn.fit(Dataset.of(inputs(24, 128, 31), targets(24, 3, 32)), FitConfig.builder().epochs(3).batchSize(8).seed(4).build());
        ModelFile.save(cnn, dir.resolve(CNN), true);
        record(expected, CNN, cnn.predict(cnnInputs()));

        NeuralNetwork toy = new NeuralNetwork(3, 5, 2, 9);
        double[][] tx = inputs(8, 3, 41);
        double[][] ty = inputs(8, 2, 42);
        for (int step = 0; step < 200; step++) {
            double[] t = ty[step % 8].clone();
            for (int j = 0; j < t.length; j++) {
                t[j] = (t[j] + 1) / 2;
            }
            toy.train(tx[step % 8], t);
        }
        Files.writeString(dir.resolve(TOY), toy.toJson(), StandardCharsets.UTF_8);
        double[][] toyOut = new double[toyInputs().length][];
        for (int i = 0; i < toyOut.length; i++) {
            toyOut[i] = toy.predict(toyInputs()[i]);
        }
        record(expected, TOY, toyOut);

        Sequential momentum = mlp(b, DType.FLOAT32, new Sgd(0.05, 0.9));
        momentum.fit(Dataset.of(inputs(32, 6, 21), targets(32, 3, 22)), FitConfig.builder().epochs(20).batchSize(8).seed(3).build());
        ModelFile.save(momentum, dir.resolve(MLP_MOMENTUM), true);
        record(expected, MLP_MOMENTUM, momentum.predict(mlpInputs()));

        Sequential nesterov = mlp(b, DType.FLOAT64, new Sgd(0.05, 0.9, true));
        nesterov.fit(Dataset.of(inputs(32, 6, 21), targets(32, 3, 22)), FitConfig.builder().epochs(20).batchSize(8).seed(3).build());
        ModelFile.save(nesterov, dir.resolve(MLP_NESTEROV64), true);
        record(expected, MLP_NESTEROV64, nesterov.predict(mlpInputs()));
        Files.writeString(dir.resolve("expected.txt"), expected.toString(), StandardCharsets.UTF_8);

        Backend plain = Backends.get("plain");
        StringBuilder training = new StringBuilder();
        for (String name : RESUMED) {
            Sequential m = ModelFile.load(dir.resolve(name), plain);
            double[][][] data = trainingData(name);
            record(training, name + " resumed losses", new double[][] {train(m, data[0], data[1], RESUMED_STEPS)});
            if (name.equals(CNN)) {
                record(training, name + " resumed predictions", m.predict(cnnInputs()));
            } else {
                recordWeights(training, name + " resumed", m);
            }
        }
        Sequential seeded = seededMlp(plain);
        record(training, SEEDED + " losses",
                new double[][] {train(seeded, mlpTrainingInputs(), mlpTrainingTargets(), SEEDED_STEPS)});
        recordWeights(training, SEEDED, seeded);
        Files.writeString(dir.resolve("training.txt"), training.toString(), StandardCharsets.UTF_8);
    }

    /** One entry {@code "prefix parameter"} per parameter of {@code model}, its values on one line. */
    private static void recordWeights(StringBuilder out, String prefix, Sequential model) {
        for (var p : model.parameters()) {
            record(out, prefix + " " + p.name(), new double[][] {p.value().toDoubleArray()});
        }
    }

    /** {@code name}, then one line of hexadecimal doubles per output row. */
    private static void record(StringBuilder out, String name, double[][] rows) {
        out.append(name).append('\n');
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                out.append(j == 0 ? "" : " ").append(Double.toHexString(row[j]));
            }
            out.append('\n');
        }
    }
}
