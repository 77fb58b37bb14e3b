package dev.nn4j.nn;

import dev.nn4j.tensor.Shape;
import java.util.List;

/**
 * A model's structure as its plans record it: named inputs, then layers in topological order,
 * each reading earlier values by index (inputs first, {@code 0 .. inputs-1}, then layer
 * {@code i} at {@code inputs + i}), and the outputs with a loss each. Immutable; the layers
 * are owned by the model.
 *
 * @param inputNames the graph's input names
 * @param inputShapes their per-sample shapes
 * @param tokenInputs for each input, whether it holds INT32 token ids ({@link Input#tokens}) rather than numbers
 * @param layers the layers in topological order
 * @param layerNames each layer's node name
 * @param layerInputs each layer's input value indices
 * @param outputs the value index of each output
 * @param losses the loss of each output (summed into the training loss)
 */
record Graph(List<String> inputNames, List<Shape> inputShapes, List<Boolean> tokenInputs, List<Layer> layers, List<String> layerNames,
             List<int[]> layerInputs, int[] outputs, List<Loss> losses) {

    /** The chain {@code input -> layer0 -> layer1 -> ...} of a {@link Sequential}, its last layer the output. */
    static Graph chain(List<Layer> layers, Loss loss) {
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<int[]> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            names.add("layer" + i);
            inputs.add(new int[] {i});
        }
        return new Graph(List.of("input"), List.of(layers.get(0).inputShape()), List.of(false), layers, names, inputs,
                new int[] {layers.size()}, java.util.Collections.singletonList(loss));
    }

    /** The per-sample shape of value {@code v}. */
    Shape shape(int v) {
        return v < inputShapes.size() ? inputShapes.get(v) : layers.get(v - inputShapes.size()).outputShape();
    }

    /** The dtype of input {@code i}'s batches in a model of floating dtype {@code model}. */
    dev.nn4j.tensor.DType inputDType(int i, dev.nn4j.tensor.DType model) {
        return tokenInputs.get(i) ? dev.nn4j.tensor.DType.INT32 : model;
    }

    /** The name of value {@code v}: an input's or a node's. */
    String name(int v) {
        return v < inputNames.size() ? inputNames.get(v) : layerNames.get(v - inputNames.size());
    }

    /** The shape of a batch of {@code rows} targets of output {@code i}: {@code [rows x targetShape...]}. */
    Shape targetBatch(int i, int rows) {
        return Images.batch(rows, losses.get(i).targetShape(shape(outputs[i])));
    }

    /** Values per sample of output {@code i}. */
    int outputSize(int i) {
        return shape(outputs[i]).size();
    }
}
