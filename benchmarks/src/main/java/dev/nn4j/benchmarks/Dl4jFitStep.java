package dev.nn4j.benchmarks;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/** DL4J: {@code net.fit(DataSet)} of a network on one fixed batch (the MLP's, or a CNN's images). */
final class Dl4jFitStep implements TrainingStep {
    private final MultiLayerNetwork net;
    private final DataSet batch;

    private Dl4jFitStep(MultiLayerNetwork net, DataSet batch) {
        this.net = net;
        this.batch = batch;
    }

    /** The 784-256-128-10 MLP on {@link MlpShape}'s batch of {@link MlpShape#BATCH}. */
    static Dl4jFitStep mlp(long seed) {
        return new Dl4jFitStep(Dl4jNets.mlp(MlpShape.LEARNING_RATE, seed),
                Dl4jNets.dataSet(MlpShape.features(seed), MlpShape.labels(seed), MlpShape.BATCH));
    }

    /** The {@link CnnShape} network {@code name} on a batch of {@link CnnShape#BATCH} images. */
    static Dl4jFitStep cnn(String name, long seed) {
        return new Dl4jFitStep(Dl4jCnnNets.create(name, seed),
                Dl4jCnnNets.dataSet(CnnShape.images(seed), CnnShape.labels(seed), CnnShape.BATCH));
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
