package dev.nn4j.benchmarks;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/** DL4J: {@code net.fit(DataSet)} of one {@link CnnShape} network on one fixed batch of {@link CnnShape#BATCH} images. */
final class Dl4jCnnStep implements TrainingStep {
    private final MultiLayerNetwork net;
    private final DataSet batch;

    Dl4jCnnStep(String name, long seed) {
        net = Dl4jCnnNets.create(name, seed);
        batch = Dl4jCnnNets.dataSet(CnnShape.images(seed), CnnShape.labels(seed), CnnShape.BATCH);
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
