package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Sequential;
import dev.nn4j.train.FitConfig;
import dev.nn4j.train.History;
import org.junit.jupiter.api.Test;

/** A model PyTorch trained, imported into nn4j, keeps training: its loss goes down. */
class FineTuneTest {

    @Test
    void importedMlpTrainsOnNewLabels() throws Exception {
        Fixture f = Fixture.load("mlp");
        try (Sequential model = OnnxImport.load(f.onnx(), TestSupport.backend("plain"))) {
            assertEquals("softmax_cross_entropy", model.lossFunction().id(), "default loss after a softmax output");
            // new task: class = which of the first three features is largest
            int n = 200;
            float[] x = TestSupport.randomInput(n * 6, 21);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int j = 1; j < 3; j++) {
                    best = x[i * 6 + j] > x[i * 6 + best] ? j : best;
                }
                labels[i] = best;
            }
            Dataset data = Dataset.classification(x, 6, labels, 3);
            double before = model.loss(data);
            History h = model.fit(data, FitConfig.builder().epochs(30).batchSize(20).build());
            double after = model.loss(data);
            assertTrue(after < 0.7 * before, "loss " + before + " -> " + after + " (" + h + ")");
        }
    }
}
