package dev.nn4j.io;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The child process of {@link ModelFileCrashTest}: saves one model to a file over and over,
 * each version with every parameter equal to the version number, and prints
 * {@code saved <version>} after each save returns. It continues from the version it finds in
 * the file, so successive children keep counting up. Runs until it is killed.
 */
public final class SaveLoop {
    private SaveLoop() {
    }

    /** The model every version is written from: 64-48-10, about 14 KB on disk. */
    static Sequential model() {
        return Sequential.builder().input(64).dense(48, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(0.01)).backend(OtherBackend.INSTANCE).build();
    }

    /** The version held by {@code model}: the one value every parameter holds, or -1 if they differ. */
    static long version(Sequential model) {
        double v = model.parameters().get(0).value().toDoubleArray()[0];
        for (Parameter p : model.parameters()) {
            for (double w : p.value().toDoubleArray()) {
                if (w != v) {
                    return -1;
                }
            }
        }
        return (long) v;
    }

    /** {@code args[0]}: the model file. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long version = 0;
        if (Files.exists(file)) {
            try (Sequential previous = ModelFile.load(file, OtherBackend.INSTANCE)) {
                version = version(previous);
            }
        }
        Sequential model = model();
        while (true) {
            version++;
            for (Parameter p : model.parameters()) {
                double[] values = new double[p.size()];
                Arrays.fill(values, version);
                p.set(values);
            }
            ModelFile.save(model, file);
            System.out.println("saved " + version);
            System.out.flush();
        }
    }
}
