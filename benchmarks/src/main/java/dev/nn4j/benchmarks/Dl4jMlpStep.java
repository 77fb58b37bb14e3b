package dev.nn4j.benchmarks;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/** DL4J: {@code net.fit(DataSet)} of the MLP on one fixed batch of {@link MlpShape#BATCH} samples. */
final class Dl4jMlpStep implements TrainingStep {
    private final MultiLayerNetwork net;
    private final DataSet batch;

    Dl4jMlpStep(long seed) {
        net = Dl4jNets.mlp(MlpShape.LEARNING_RATE, seed);
        batch = Dl4jNets.dataSet(MlpShape.features(seed), MlpShape.labels(seed), MlpShape.BATCH);
    }

    @Override
    public double run() {
        net.fit(batch);
        return net.score();
    }

    @Override
    public void close() {
        net.close();
        batch.getFeatures().close();
        batch.getLabels().close();
    }
}
