package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn4j.data.Dataset;
import dev.nn4j.eval.Predictions;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Evaluation on one model from many threads at once ({@link Sequential#loss(Dataset)},
 * {@link Predictions#classes}, {@link Predictions#accuracy}) gives exactly the single-threaded
 * results. A row of docs/reliability.md next to the prediction tests of {@link LayerConformance}.
 */
public abstract class ConcurrentEvaluationConformance extends ConformanceSupport {

    @Test
    void evaluationFromFourThreadsEqualsOneThread() throws Exception {
        Sequential m = Sequential.builder().input(3).dense(6, Activation.TANH).dense(3, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0.1)).seed(12).backend(backend()).build();
        int n = 600;                                   // more than one 256-row chunk, with a remainder
        float[] x = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) Math.sin(0.37 * i + j) + (j == labels[i] ? 0.5f : 0);
            }
        }
        Dataset data = Dataset.classification(x, 3, labels, 3);
        double loss = m.loss(data);
        int[] classes = Predictions.classes(m, data);
        double accuracy = Predictions.accuracy(m, data);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> mismatches = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            mismatches.add(pool.submit(() -> {
                int bad = 0;
                for (int r = 0; r < 10; r++) {
                    bad += m.loss(data) == loss ? 0 : 1;
                    int[] c = Predictions.classes(m, data);
                    bad += java.util.Arrays.equals(c, classes) ? 0 : 1;
                    bad += Predictions.accuracy(m, data) == accuracy ? 0 : 1;
                }
                return bad;
            }));
        }
        int total = 0;
        for (Future<Integer> f : mismatches) {
            total += f.get();
        }
        pool.shutdown();
        assertEquals(0, total, total + " of 120 concurrent evaluations differ from the single-threaded result");
        assertArrayEquals(classes, Predictions.classes(m, data));
        m.close();
    }
}
