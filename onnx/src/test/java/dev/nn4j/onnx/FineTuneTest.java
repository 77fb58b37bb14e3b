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

    @Test
    void importedCnnWithBatchNormTrains() throws Exception {
        Fixture f = Fixture.load("cnn");
        try (Sequential model = OnnxImport.load(f.onnx(), TestSupport.backend("plain"))) {
            // new task on 2x10x10 images: class = which quarter of the image is brightest (5 classes: 4 + "none")
            int n = 120;
            int per = 2 * 10 * 10;
            float[] x = TestSupport.randomInput(n * per, 31);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 5;
                if (labels[i] < 4) {
                    int r0 = labels[i] / 2 * 5;
                    int c0 = labels[i] % 2 * 5;
                    for (int r = r0; r < r0 + 5; r++) {
                        for (int c = c0; c < c0 + 5; c++) {
                            x[i * per + r * 10 + c] += 2;
                        }
                    }
                }
            }
            Dataset data = Dataset.classification(x, per, labels, 5);
            double before = model.loss(data);
            model.fit(data, FitConfig.builder().epochs(15).batchSize(20).build());
            double after = model.loss(data);
            assertTrue(after < 0.7 * before, "loss " + before + " -> " + after);
        }
    }
}
