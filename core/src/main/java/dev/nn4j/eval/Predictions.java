package dev.nn4j.eval;

import dev.nn4j.data.Dataset;
import dev.nn4j.model.Model;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Tensor;
import java.util.List;

/**
 * A classifier's predicted class for every sample of a dataset: forward passes in chunks of
 * {@value #CHUNK} rows on the model's backend, argmax of each output row. Holds one chunk of
 * input on the device at a time; allocates the chunk tensors once per call.
 */
public final class Predictions {
    /** Rows per forward pass. */
    public static final int CHUNK = 256;

    private Predictions() {
    }

    /** The predicted class (index of the largest output) of every sample of {@code data}, in order. */
    public static int[] classes(Model model, Dataset data) {
        model.checkData("predictions", data);
        int n = data.size();
        int chunk = Math.min(n, CHUNK);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] xs = new float[chunk * data.featureCount()];
        float[] ys = new float[chunk * data.targetCount()];
        int[] out = new int[n];
        Tensor x = null;
        Tensor y = null;
        try {
            for (int start = 0; start < n; start += chunk) {
                int rows = Math.min(chunk, n - start);
                if (x == null || x.shape().dim(0) != rows) {
                    close(x, y);
                    x = model.backend().create(model.inputDType(), model.batchShape(rows));
                    y = model.backend().create(model.targetDType(), model.targetBatchShape(rows));
                }
                data.fillBatch(order, start, x, y, xs, ys);
                int[] part;
                try (Tensor p = model.predict(x)) {
                    part = Ops.argmaxRows(p);
                }
                System.arraycopy(part, 0, out, start, rows);
            }
        } finally {
            close(x, y);
        }
        return out;
    }

    /** The fraction of samples of a classification dataset whose predicted class is their label; usable as a {@code ValidationMetric}. */
    public static double accuracy(Model model, Dataset data) {
        return Accuracy.of(data.labels(), classes(model, data));
    }

    /** The confusion matrix of the model's predictions on a classification dataset, with the given class names. */
    public static ConfusionMatrix confusion(Model model, Dataset data, List<String> classNames) {
        return ConfusionMatrix.of(data.labels(), classes(model, data), classNames);
    }

    private static void close(Tensor x, Tensor y) {
        if (x != null) {
            x.close();
            y.close();
        }
    }
}
