package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Adam;
import dev.nn4j.tensor.Activation;
import dev.nn4j.train.FitConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java lines of README.md's "ONNX export and import" section, as written there (file names under a temporary directory). */
class ReadmeOnnxTest {

    @Test
    void bothDirections(@TempDir Path dir) throws Exception {
        Path fashion = dir.resolve("fashion.onnx");
        try (Sequential model = Sequential.builder().input(784).dense(32, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Losses.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).backend(Backends.get("plain")).build()) {
            OnnxExport.save(model, fashion);            // opset 20, input "input" [batch, ...], output "output"
        }
        assertTrue(Files.size(fashion) > 784 * 32 * 4);

        Path netOnnx = Fixture.load("mlp").onnx();   // what torch.onnx.export wrote
        Sequential net = OnnxImport.load(netOnnx, Backends.get("plain"));   // no native code
        Dataset myData = Dataset.classification(TestSupport.randomInput(60, 1), 6, new int[10], 3);
        double before = net.loss(myData);
        net.fit(myData, FitConfig.builder().epochs(3).build());            // fine-tune: softmax CE/MSE, Adam(1e-3)
        assertTrue(net.loss(myData) < before);
        assertEquals("adam", net.optimizer().id());
        net.close();
    }
}
