package dev.nn4j.examples;

import dev.nn4j.data.Dataset;
import dev.nn4j.data.MnistFormat;
import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.onnx.OnnxImport;
import dev.nn4j.tensor.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code predict}: loads a saved model (nn4j's model file, or an ONNX model when the name ends
 * in {@code .onnx}) and evaluates it on the test set of an MNIST-layout directory.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Evaluates a saved model (nn4j model file, or ONNX when FILE ends in .onnx) on the test set of an "
                + "MNIST-layout directory (accuracy and confusion matrix).")
final class PredictCommand implements Callable<Integer> {
    /** Which class names to print. */
    enum ClassNames { fashion, digits }

    @Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved with --save, or an ONNX model (FILE.onnx) such as one exported from PyTorch.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "Directory with the MNIST-layout test files t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte.")
    Path data;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test samples only (default: all).")
    Integer testLimit;

    @Option(names = "--classes", paramLabel = "NAMES",
            description = "Class names to print: ${COMPLETION-CANDIDATES} (default: fashion when the data directory's "
                    + "name contains 'fashion', digits otherwise).")
    ClassNames classes;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON summary to FILE.")
    Path report;

    @Override
    public Integer call() throws Exception {
        Backend b = backend.resolve();
        boolean fashion = classes != null ? classes == ClassNames.fashion
                : String.valueOf(data.toAbsolutePath().getFileName()).toLowerCase(Locale.ROOT).contains("fashion");
        List<String> names = fashion ? MnistFormat.FASHION_CLASS_NAMES : MnistFormat.DIGIT_CLASS_NAMES;
        Dataset test = MnistData.loadTest(data, testLimit, fashion ? MnistData.FASHION_HINT : MnistData.DIGITS_HINT);
        long start = System.nanoTime();
        try (GraphModel m = isOnnx(model) ? OnnxImport.load(model, b) : ModelFile.loadGraph(model, b, null)) {
            System.out.printf(Locale.ROOT, "%s loaded from %s%n", m, model.toAbsolutePath());
            double accuracy = ClassifierEvaluation.run(m, test, names, System.out);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report != null) {
                new RunReport("predict").put("backend", b.name()).put("model", model.toString())
                        .put("testSamples", test.size()).put("seconds", seconds).put("testAccuracy", accuracy)
                        .write(report);
                System.out.println("Report written to " + report.toAbsolutePath());
            }
        }
        return 0;
    }

    /** True for a file name ending in {@code .onnx} (any case). */
    static boolean isOnnx(Path file) {
        return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".onnx");
    }
}
