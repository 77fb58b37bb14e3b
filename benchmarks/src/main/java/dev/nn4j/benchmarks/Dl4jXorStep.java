package dev.nn4j.benchmarks;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/** DL4J: {@code net.fit(DataSet)} of the 2-4-1 network on one XOR sample, the next one each call. */
final class Dl4jXorStep implements TrainingStep {
    private final MultiLayerNetwork net;
    private final DataSet[] samples = new DataSet[XorData.INPUTS.length];
    private int next;

    Dl4jXorStep(long seed) {
        net = Dl4jNets.xor(XorData.LEARNING_RATE, seed);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Dl4jNets.dataSet(XorData.input(i), XorData.target(i), 1);
        }
    }

    @Override
    public double run() {
        net.fit(samples[next]);
        next = (next + 1) % samples.length;
        return net.score();
    }

    @Override
    public void close() {
        net.close();
        for (DataSet s : samples) {
            s.getFeatures().close();
            s.getLabels().close();
        }
    }
}
