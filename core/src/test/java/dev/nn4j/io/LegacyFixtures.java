package dev.nn4j.io;

import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Padding;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.toy.NeuralNetwork;
import dev.nn4j.train.FitConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The models behind the fixtures in {@code src/test/resources/dev/nn4j/io/v0.1}: files that nn4j 0.1 (revision
 * 48a7402) wrote, which every later version must load and predict the same ({@link LegacyFileConformance}).
 * {@link #main} writes them; it was run on 0.1's code (this file compiles against it unchanged), on the
 * reference array kernels, with:
 * <pre>
 *   git worktree add /tmp/v01 48a7402 &amp;&amp; cp core/src/test/java/dev/nn4j/io/LegacyFixtures.java \
 *       /tmp/v01/core/src/test/java/dev/nn4j/io/ &amp;&amp; cd /tmp/v01 &amp;&amp; mvn -q -o test-compile -pl core &amp;&amp; \
 *       java -cp core/target/classes:core/target/test-classes:$(cat cp.txt) dev.nn4j.io.LegacyFixtures DIR
 * </pre>
 * ({@code cp.txt} from {@code mvn -q -o dependency:build-classpath -pl core -Dmdep.outputFile=cp.txt}). The
 * inputs are made here from fixed seeds, so the test makes the same ones; the expected outputs are 0.1's,
 * written as hexadecimal doubles.
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

    private static Sequential mlp(Backend backend, DType dtype) {
        return Sequential.builder().input(6).dense(16, Activation.TANH).dense(8, Activation.leakyRelu(0.1))
                .dense(3, Activation.SOFTMAX).loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01))
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

    /** Writes the fixtures and {@code expected.txt} into {@code args[0]}. */
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
        Files.writeString(dir.resolve("expected.txt"), expected.toString(), StandardCharsets.UTF_8);
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
