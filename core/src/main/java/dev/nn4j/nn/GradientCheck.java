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
            requireFloat64(java.util.Objects.requireNonNull(x, "gradient check: an input is missing"));
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
        Executor backprop = new Executor(new GraphRecordings(Graph.chain(List.of(layer), loss), x.dtype()), x.backend());
        try {
            backprop.rng(new Rng(MASK_SEED));
            backprop.lossAndGradients(x, target, true);
            List<Parameter> all = new ArrayList<>(layer.parameters());
            all.add(new Parameter("input", x, Ops.copy(backprop.inputGradient(0))));
            return compare(all, () -> {
                backprop.rng(new Rng(MASK_SEED));
                return backprop.loss(x, target, Mode.TRAINING);
            }, DEFAULT_STEP);
        } finally {
            backprop.close();
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

    private static void requireFloat64(Tensor x) {
        if (x.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("gradient check: input is " + x.dtype()
                    + "; central differences need FLOAT64 (build the model with dtype(DType.FLOAT64))");
        }
    }
}
