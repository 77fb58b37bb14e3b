package dev.nn4j.benchmarks;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The peer networks, built with DL4J's MultiLayerNetwork to match the nn4j ones layer for
 * layer, in float32: the 784-256-128-10 MLP and the 2-4-1 sigmoid network. Each call to
 * {@code net.fit(DataSet)} is one forward, loss, backward and update.
 */
public final class Dl4jNets {
    private Dl4jNets() {
    }

    /** 784-256(ReLU)-128(ReLU)-10(softmax, multi-class cross-entropy), Adam, He-normal weights. */
    public static MultiLayerNetwork mlp(double learningRate, long seed) {
        return build(seed, new Adam(learningRate), WeightInit.RELU.getWeightInitFunction(),
                new DenseLayer.Builder().nIn(MlpShape.INPUT).nOut(MlpShape.HIDDEN1).activation(Activation.RELU).build(),
                new DenseLayer.Builder().nIn(MlpShape.HIDDEN1).nOut(MlpShape.HIDDEN2).activation(Activation.RELU).build(),
                new OutputLayer.Builder(LossFunction.MCXENT).nIn(MlpShape.HIDDEN2).nOut(MlpShape.CLASSES)
                        .activation(Activation.SOFTMAX).build());
    }

    /** 2-4(sigmoid)-1(sigmoid, mean squared error), plain SGD, weights uniform in [-1, 1) as in the Toy facade. */
    public static MultiLayerNetwork xor(double learningRate, long seed) {
        return build(seed, new Sgd(learningRate), new WeightInitDistribution(new UniformDistribution(-1, 1)),
                new DenseLayer.Builder().nIn(2).nOut(4).activation(Activation.SIGMOID).build(),
                new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(1).activation(Activation.SIGMOID).build());
    }

    private static MultiLayerNetwork build(long seed, IUpdater updater, IWeightInit init,
            org.deeplearning4j.nn.conf.layers.Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(init)
                .list();
        for (int i = 0; i < layers.length; i++) {
            list.layer(i, layers[i]);
        }
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A DataSet over copies of {@code x [rows x inputs]} and {@code y [rows x outputs]}, float32. */
    public static DataSet dataSet(float[] x, float[] y, int rows) {
        return new DataSet(Nd4j.create(x, new long[] {rows, x.length / rows}, 'c'),
                Nd4j.create(y, new long[] {rows, y.length / rows}, 'c'));
    }
}
