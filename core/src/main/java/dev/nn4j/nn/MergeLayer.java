package dev.nn4j.nn;

import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Shape;
import java.util.List;

/**
 * The layer of a {@link MergeConfig}: no parameters, its forward pass the config's function of
 * its inputs; {@link #inputShape()} is the first input's shape.
 */
final class MergeLayer extends ShapeOnlyLayer {
    private final MergeConfig merge;
    private final int inputs;

    MergeLayer(String name, MergeConfig config, List<Shape> inputShapes, Shape outputShape) {
        super(name, config, inputShapes.get(0), outputShape);
        this.merge = config;
        this.inputs = inputShapes.size();
    }

    @Override
    public Var forward(Scope scope, List<Var> values) {
        return merge.merge(values);
    }

    /** Refuses: a merge takes two or more inputs. */
    @Override
    public Var forward(Scope scope, Var x) {
        throw new IllegalArgumentException(name + " (" + merge.type() + ") takes " + inputs + " inputs, got one");
    }
}
