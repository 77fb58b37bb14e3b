package dev.nn4j.nn;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one layer class: the tensors its config declared ({@link LayerConfig#declare}), created
 * on a backend, and the config's forward pass over them. Every built-in layer type is a config
 * record and this class; {@link LayerConfig#create} makes one.
 *
 * <p>Owns its parameter, gradient and statistic tensors ({@link #close} frees them). Recording
 * ({@link #forward}) reads the tensors and may run on several threads at once; initializing and
 * the optimizer's updates run on one.
 */
final class ConfiguredLayer implements Layer {
    private final String name;
    private final LayerConfig config;
    private final List<Shape> inputShapes;
    private final Shape outputShape;
    private final List<ParameterSpecs.Spec> specs;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private final List<Parameter> parameters;
    private final List<Parameter> statistics;
    /** Every tensor created, so a failure half-way and {@link #close} free them all. */
    private final List<Tensor> owned = new ArrayList<>();

    ConfiguredLayer(String name, LayerConfig config, List<Shape> inputShapes, Backend backend, DType dtype) {
        this.name = name;
        this.config = config;
        this.inputShapes = List.copyOf(inputShapes);
        this.outputShape = config.outputShape(this.inputShapes);
        ParameterSpecs declared = new ParameterSpecs();
        config.declare(this.inputShapes, declared);
        this.specs = declared.specs();
        List<Parameter> ps = new ArrayList<>();
        List<Parameter> st = new ArrayList<>();
        try {
            for (ParameterSpecs.Spec s : specs) {
                Shape shape = Shape.of(s.dims());
                Tensor value = own(backend.create(dtype, shape));
                Parameter p = s.trained() ? new Parameter(name + "." + s.name(), value, own(backend.create(dtype, shape)))
                        : Parameter.statistic(name + "." + s.name(), value);
                byName.put(s.name(), p);
                (s.trained() ? ps : st).add(p);
            }
        } catch (RuntimeException e) {
            closeAll();
            throw e;
        }
        this.parameters = List.copyOf(ps);
        this.statistics = List.copyOf(st);
        fillConstants();
    }

    @Override
    public Var forward(Scope scope, Var x) {
        return config.forward(new LayerScope(scope, this, name), x);
    }

    @Override
    public Var forward(Scope scope, List<Var> inputs) {
        return config.forward(new LayerScope(scope, this, name), inputs);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public List<Parameter> statistics() {
        return statistics;
    }

    @Override
    public Parameter parameter(String local) {
        Parameter p = byName.get(local);
        if (p == null) {
            throw new IllegalArgumentException(name + " (" + config.type() + ") has no parameter or statistic '" + local
                    + "'; it has " + byName.keySet());
        }
        return p;
    }

    @Override
    public Shape inputShape() {
        return inputShapes.get(0);
    }

    @Override
    public List<Shape> inputShapes() {
        return inputShapes;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    /** Draws the declared weights and biases in declaration order and sets the constants. */
    @Override
    public void initialize(Initializer initializer, Rng rng) {
        for (ParameterSpecs.Spec s : specs) {
            start(s, initializer, rng);
        }
    }

    /** Sets the constants only (a new layer's weights stay zero until {@link #initialize}). */
    private void fillConstants() {
        for (ParameterSpecs.Spec s : specs) {
            if (s.start() == ParameterSpecs.Start.CONSTANT) {
                start(s, null, null);
            }
        }
    }

    /** Gives {@code s}'s tensor its starting values; {@code initializer} and {@code rng} serve the drawn ones. */
    private void start(ParameterSpecs.Spec s, Initializer initializer, Rng rng) {
        Tensor value = byName.get(s.name()).value();
        switch (s.start()) {
            case WEIGHTS -> value.setAll(initializer.weights(rng, s.fanIn(), s.fanOut(), value.size()));
            case BIAS -> value.setAll(initializer.bias(rng, s.fanIn(), value.size()));
            case CONSTANT -> Ops.fill(value, s.value());
            case NORMAL -> {
                double[] v = new double[value.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rng.nextGaussian() * s.value();
                }
                if (s.zeroRow() >= 0) {
                    int cols = s.dims()[1];
                    java.util.Arrays.fill(v, s.zeroRow() * cols, (s.zeroRow() + 1) * cols, 0);
                }
                value.setAll(v);
            }
        }
    }

    @Override
    public LayerConfig config() {
        return config;
    }

    @Override
    public void close() {
        closeAll();
    }

    private Tensor own(Tensor t) {
        owned.add(t);
        return t;
    }

    private void closeAll() {
        for (Tensor t : owned) {
            t.close();
        }
    }

    @Override
    public String toString() {
        return name + " (" + config + ")";
    }
}
