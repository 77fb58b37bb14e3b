package dev.nn4j.nn;

import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Compares backpropagation with central differences: for every parameter element {@code w},
 * {@code numeric = (L(w + h) − L(w − h)) / 2h}, and the analytic gradient from one backward
 * pass. The error of an element is {@code |analytic − numeric| / max(|analytic|, |numeric|, }
 * {@value #FLOOR}{@code )}: relative for ordinary gradients, absolute (scaled) for tiny ones,
 * whose central difference is dominated by rounding. Everything runs in FLOAT64; cost is two
 * forward passes per parameter element, so use small models and batches.
 */
public final class GradientCheck {
    /** Default finite-difference step {@code h}. */
    public static final double DEFAULT_STEP = 1e-5;
    /** Smallest denominator of the relative error. */
    public static final double FLOOR = 1e-4;

    private GradientCheck() {
    }

    /** The outcome: the largest error and where it occurred. */
    public record Report(double maxRelativeError, String worstParameter, int worstIndex, double analytic,
                         double numeric, int checked) {
        /** True when {@link #maxRelativeError()} is below {@code tolerance}. */
        public boolean passes(double tolerance) {
            return maxRelativeError < tolerance;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "gradient check of %d values: max relative error %.3g at %s[%d]"
                    + " (analytic %.10g, numeric %.10g)", checked, maxRelativeError, worstParameter, worstIndex,
                    analytic, numeric);
        }
    }

    /** Checks every parameter of a FLOAT64 {@code model} on input {@code x} and {@code target}. */
    public static Report check(GraphModel model, Tensor x, Tensor target) {
        return check(model, x, target, DEFAULT_STEP);
    }

    /**
     * {@link #check(GraphModel, Tensor, Tensor)} with step {@code h}. The loss is taken in
     * training mode (batch norm normalises with the batch's statistics) with the same dropout
     * masks for every evaluation, so the check sees exactly the function backpropagation differentiated.
     */
    public static Report check(GraphModel model, Tensor x, Tensor target, double h) {
        return check(model, new Tensor[] {x}, new Tensor[] {target}, h);
    }

    /**
     * {@link #check(GraphModel, Tensor, Tensor, double)} for a graph with several inputs or
     * outputs, each tensor bound by name (every input, every output).
     */
    public static Report check(GraphModel model, java.util.Map<String, Tensor> inputs,
                               java.util.Map<String, Tensor> targets) {
        Tensor[] xs = new Tensor[model.inputNames().size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = inputs.get(model.inputNames().get(i));
        }
        Tensor[] ts = new Tensor[model.outputNames().size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = targets.get(model.outputNames().get(i));
        }
        return check(model, xs, ts, DEFAULT_STEP);
    }

    private static Report check(GraphModel model, Tensor[] xs, Tensor[] ts, double h) {
        for (Tensor x : xs) {
            holdsTokens(java.util.Objects.requireNonNull(x, "gradient check: an input is missing"));
        }
        model.computeGradients(xs, ts, MASK_SEED);
        return compare(new ArrayList<>(model.parameters()), () -> model.trainingLoss(xs, ts, MASK_SEED), h);
    }

    /** The seed of the fixed dropout masks of a check. */
    private static final long MASK_SEED = 12345;

    /**
     * Checks a single FLOAT64 layer under {@code loss} on input {@code x} and {@code target}:
     * every parameter and the gradient with respect to the input (reported as {@code input}).
     */
    public static Report check(Layer layer, Loss loss, Tensor x, Tensor target) {
        requireFloat64(x);
        return checkWithInputs(Graph.chain(List.of(layer), loss), layer.parameters(), new Tensor[] {x},
                new Tensor[] {target}, List.of("input"));
    }

    /**
     * Checks a single FLOAT64 layer of any number of inputs {@code xs} (batches of the layer's
     * input shapes): every parameter and every input (reported as {@code input0}, {@code input1},
     * ...), except INT32 inputs, which are token ids without a gradient. The loss is the squared
     * error of the flattened output against fixed pseudo-random targets, so every output element's
     * gradient is checked, not only their sum's.
     */
    public static Report check(Layer layer, List<Tensor> xs) {
        List<Boolean> tokens = new ArrayList<>();
        for (Tensor x : xs) {
            tokens.add(holdsTokens(java.util.Objects.requireNonNull(x, "gradient check: an input is null")));
        }
        int k = xs.size();
        dev.nn4j.tensor.Backend backend = xs.get(0).backend();
        List<Layer> layers = new ArrayList<>(List.of(layer));
        List<String> names = new ArrayList<>(List.of("layer"));
        List<int[]> reads = new ArrayList<>();
        int[] all = new int[k];
        List<String> inputNames = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            all[i] = i;
            inputNames.add("input" + i);
        }
        reads.add(all);
        if (layer.outputShape().rank() != 1) {
            layers.add(new FlattenConfig().create("flatten", layer.outputShape(), backend, DType.FLOAT64));
            names.add("flatten");
            reads.add(new int[] {k});
        }
        Graph graph = new Graph(inputNames, layer.inputShapes(), tokens, layers, names, reads,
                new int[] {k + layers.size() - 1}, java.util.Collections.singletonList(Losses.mse()));
        Tensor[] x = xs.toArray(new Tensor[0]);
        Tensor[] target = {backend.create(DType.FLOAT64, Shape.matrix(x[0].shape().dim(0), layer.outputShape().size()))};
        Rng draws = new Rng(MASK_SEED);
        double[] t = new double[target[0].size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = draws.nextDouble(-1, 1);
        }
        target[0].setAll(t);
        try {
            return checkWithInputs(graph, layer.parameters(), x, target, inputNames);
        } finally {
            target[0].close();
            if (layers.size() > 1) {
                layers.get(1).close();
            }
        }
    }

    /** Checks {@code parameters} and the graph's inputs {@code xs} (reported as {@code names}) under fixed dropout masks. */
    private static Report checkWithInputs(Graph graph, List<Parameter> parameters, Tensor[] xs, Tensor[] targets,
                                          List<String> names) {
        Executor backprop = new Executor(new GraphRecordings(graph, DType.FLOAT64), xs[0].backend());
        List<Parameter> checked = new ArrayList<>(parameters);
        try {
            backprop.rng(new Rng(MASK_SEED));
            backprop.lossAndGradients(xs, targets, true);
            for (int i = 0; i < xs.length; i++) {
                if (xs[i].dtype().isFloating()) {                   // token ids have no gradient
                    checked.add(new Parameter(names.get(i), xs[i], Ops.copy(backprop.inputGradient(i))));
                }
            }
            return compare(checked, () -> {
                backprop.rng(new Rng(MASK_SEED));
                return backprop.loss(xs, targets, Mode.TRAINING);
            }, DEFAULT_STEP);
        } finally {
            backprop.close();
            for (int i = parameters.size(); i < checked.size(); i++) {
                checked.get(i).gradient().close();
            }
        }
    }

    private static Report compare(List<Parameter> parameters, DoubleSupplier loss, double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("gradient check: step must be positive and finite, got " + h);
        }
        double worst = -1;
        String worstName = "";
        int worstIndex = -1;
        double worstAnalytic = 0;
        double worstNumeric = 0;
        int checked = 0;
        for (Parameter p : parameters) {
            double[] analytic = p.gradient().toDoubleArray();
            Shape shape = p.shape();
            for (int i = 0; i < analytic.length; i++) {
                int[] index = unflatten(shape, i);
                double w = p.value().get(index);
                p.value().set(w + h, index);
                double plus = loss.getAsDouble();
                p.value().set(w - h, index);
                double minus = loss.getAsDouble();
                p.value().set(w, index);
                double numeric = (plus - minus) / (2 * h);
                double error = Math.abs(analytic[i] - numeric)
                        / Math.max(FLOOR, Math.max(Math.abs(analytic[i]), Math.abs(numeric)));
                if (Double.isNaN(error)) {
                    error = Double.POSITIVE_INFINITY;
                }
                checked++;
                if (error > worst) {
                    worst = error;
                    worstName = p.name();
                    worstIndex = i;
                    worstAnalytic = analytic[i];
                    worstNumeric = numeric;
                }
            }
        }
        return new Report(worst, worstName, worstIndex, worstAnalytic, worstNumeric, checked);
    }

    private static int[] unflatten(Shape shape, int flat) {
        int[] index = new int[shape.rank()];
        for (int d = shape.rank() - 1; d >= 0; d--) {
            index[d] = flat % shape.dim(d);
            flat /= shape.dim(d);
        }
        return index;
    }

    /** True for INT32 token ids, which stay fixed; any other input must be FLOAT64. */
    private static boolean holdsTokens(Tensor x) {
        if (x.dtype() == DType.INT32) {
            return true;
        }
        requireFloat64(x);
        return false;
    }

    private static void requireFloat64(Tensor x) {
        if (x.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("gradient check: input is " + x.dtype()
                    + "; central differences need FLOAT64 (build the model with dtype(DType.FLOAT64))");
        }
    }
}
