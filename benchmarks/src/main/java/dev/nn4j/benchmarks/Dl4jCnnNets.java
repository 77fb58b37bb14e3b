package dev.nn4j.benchmarks;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The convolutional peers of {@link CnnShape}, built with DL4J's MultiLayerNetwork in float32,
 * NCHW, He-normal weights. Each {@code net.fit(DataSet)} is one forward, loss, backward and
 * Adam update.
 */
public final class Dl4jCnnNets {
    private Dl4jCnnNets() {
    }

    /** The network called {@code name} ({@link CnnShape#LENET} or {@link CnnShape#FASHION_CNN}). */
    public static MultiLayerNetwork create(String name, long seed) {
        switch (name) {
            case CnnShape.LENET:
                return lenet(seed);
            case CnnShape.FASHION_CNN:
                return fashionCnn(seed);
            default:
                throw new IllegalArgumentException("unknown network '" + name + "'; expected " + CnnShape.LENET
                        + " or " + CnnShape.FASHION_CNN);
        }
    }

    /** conv 5x5x20 - maxpool 2 - conv 5x5x50 - maxpool 2 - dense 500 ReLU - dense 10 softmax. */
    public static MultiLayerNetwork lenet(long seed) {
        return build(builder(seed).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nIn(1).nOut(20).activation(Activation.IDENTITY).build())
                .layer(maxPool())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).activation(Activation.IDENTITY).build())
                .layer(maxPool())
                .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
                .layer(output())
                .setInputType(InputType.convolutional(CnnShape.SIDE, CnnShape.SIDE, 1)));
    }

    /**
     * conv 3x3x32 same, no bias - batch norm - ReLU - maxpool 2 - conv 3x3x64 same, no bias -
     * batch norm - ReLU - maxpool 2 - dense 128 ReLU - dropout 0.25 - dense 10 softmax.
     */
    public static MultiLayerNetwork fashionCnn(long seed) {
        return build(builder(seed).list()
                .layer(sameConv(32).nIn(1).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(maxPool())
                .layer(sameConv(64).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(maxPool())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                // DL4J's dropout argument is the probability of keeping an activation.
                .layer(new DropoutLayer.Builder(1 - CnnShape.DROPOUT).build())
                .layer(output())
                .setInputType(InputType.convolutional(CnnShape.SIDE, CnnShape.SIDE, 1)));
    }

    /** A DataSet over copies of {@code x [rows x 1 x SIDE x SIDE]} and {@code y [rows x CLASSES]}, float32. */
    public static DataSet dataSet(float[] x, float[] y, int rows) {
        return new DataSet(Nd4j.create(x, new long[] {rows, 1, CnnShape.SIDE, CnnShape.SIDE}, 'c'),
                Nd4j.create(y, new long[] {rows, CnnShape.CLASSES}, 'c'));
    }

    private static NeuralNetConfiguration.Builder builder(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(CnnShape.LEARNING_RATE)).weightInit(WeightInit.RELU);
    }

    private static ConvolutionLayer.Builder sameConv(int channels) {
        return new ConvolutionLayer.Builder(3, 3).nOut(channels).convolutionMode(ConvolutionMode.Same)
                .hasBias(false).activation(Activation.IDENTITY);
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunction.MCXENT).nOut(CnnShape.CLASSES).activation(Activation.SOFTMAX)
                .build();
    }

    private static MultiLayerNetwork build(NeuralNetConfiguration.ListBuilder list) {
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
