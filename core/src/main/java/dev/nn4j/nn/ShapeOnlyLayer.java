package dev.nn4j.nn;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.tensor.Shape;
import java.util.List;

/** The common part of layers without parameters: name, config and shapes. */
abstract class ShapeOnlyLayer implements Layer {
    final String name;
    final LayerConfig config;
    final Shape inputShape;
    final Shape outputShape;

    ShapeOnlyLayer(String name, LayerConfig config, Shape inputShape) {
        this(name, config, inputShape, config.outputShape(inputShape));
    }

    /** A layer whose output shape its config has computed (from several inputs, for a merge). */
    ShapeOnlyLayer(String name, LayerConfig config, Shape inputShape, Shape outputShape) {
        this.name = name;
        this.config = config;
        this.inputShape = inputShape;
        this.outputShape = outputShape;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public void initialize(Initializer initializer, Rng rng) {
    }

    @Override
    public LayerConfig config() {
        return config;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return name + " (" + config + ")";
    }
}
