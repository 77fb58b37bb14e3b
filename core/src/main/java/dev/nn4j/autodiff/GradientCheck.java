package dev.nn4j.autodiff;

import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks recorded gradients against central differences: records {@code graph} over inputs
 * shaped as the given FLOAT64 tensors, derives the gradient of its (scalar) result with
 * {@link Recorder#backward}, runs the plan, then nudges every input element by ±ε and compares
 * {@code (L(x+ε) − L(x−ε)) / 2ε} with the recorded gradient. Cost: two replays per input element.
 *
 * <p>Every run restarts the step's random stream from one seed, so dropout draws the same mask
 * in each. A non-scalar result is first reduced to {@code Σ w ⊙ y} with fixed pseudo-random weights,
 * so every output element's gradient is checked, not only their sum's.
 */
public final class GradientCheck {

    /** A computation to check: builds a value from the inputs (one per tensor given to {@link #check}). */
    @FunctionalInterface
    public interface Graph {
        /** Records the computation; returns its result (any shape, FLOAT64). */
        Var build(Recorder r, List<Var> inputs);
    }

    /** The worst element found: its input, index, recorded and numerical gradient, and the error scaled as {@link #check} compares it. */
    public record Result(double worstError, int input, int index, double recorded, double numerical) {
        /** Whether every element was within {@code tolerance}. */
        public boolean passed(double tolerance) {
            return worstError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "worst error %.3g at input %d element %d: recorded %.10g, numerical %.10g",
                    worstError, input, index, recorded, numerical);
        }
    }

    private GradientCheck() {
    }

    /**
     * Compares recorded and numerical gradients of {@code graph} at {@code inputs} (FLOAT64
     * tensors on {@code backend}, left as they were), with step {@code epsilon}. The error of an
     * element is {@code |recorded − numerical| / max(1, |recorded|, |numerical|)}.
     */
    public static Result check(Backend backend, List<Tensor> inputs, Graph graph, double epsilon) {
        Recorder r = new Recorder();
        List<Var> vars = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            if (t.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("gradient check: input " + i + " is " + t.dtype()
                        + "; checks run in FLOAT64");
            }
            vars.add(r.input("x" + i, t.shape(), DType.FLOAT64, true));
        }
        Var y = graph.build(r, vars);
        Var loss = y.rank() == 0 ? y : weightedSum(y);
        Grads g = r.backward(loss);
        List<Var> outputs = new ArrayList<>();
        outputs.add(loss);
        for (Var v : vars) {
            outputs.add(g.of(v) != null ? g.of(v) : F.zerosLike(v));
        }
        Plan plan = r.plan(outputs, null);
        try (Arena arena = plan.newArena(backend)) {
            for (int i = 0; i < vars.size(); i++) {
                arena.bind(vars.get(i), inputs.get(i));
            }
            runWithFixedDraws(arena);
            List<double[]> recorded = new ArrayList<>();
            for (int i = 0; i < vars.size(); i++) {
                recorded.add(arena.get(outputs.get(i + 1)).toDoubleArray());
            }
            Result worst = new Result(0, -1, -1, 0, 0);
            for (int i = 0; i < inputs.size(); i++) {
                Tensor t = inputs.get(i);
                double[] x = t.toDoubleArray();
                for (int e = 0; e < x.length; e++) {
                    double saved = x[e];
                    x[e] = saved + epsilon;
                    t.setAll(x);
                    runWithFixedDraws(arena);
                    double up = arena.scalar(loss);
                    x[e] = saved - epsilon;
                    t.setAll(x);
                    runWithFixedDraws(arena);
                    double down = arena.scalar(loss);
                    x[e] = saved;
                    t.setAll(x);
                    double numerical = (up - down) / (2 * epsilon);
                    double rec = recorded.get(i)[e];
                    double error = Math.abs(rec - numerical) / Math.max(1, Math.max(Math.abs(rec), Math.abs(numerical)));
                    if (error > worst.worstError() || worst.input() < 0) {
                        worst = new Result(error, i, e, rec, numerical);
                    }
                }
            }
            return worst;
        }
    }

    /** Runs with the random stream restarted, so ops that draw (dropout) draw the same values every time. */
    private static void runWithFixedDraws(Arena arena) {
        arena.rng(new Rng(42));
        arena.run();
    }

    /** {@code Σ w ⊙ y} with weights in [0.5, 1.5) drawn from a fixed seed. */
    private static Var weightedSum(Var y) {
        Rng rng = new Rng(1234);
        double[] w = new double[y.shape().size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + rng.nextDouble();
        }
        Var weights = y.recorder().values(y.shape(), w);
        int[] all = new int[y.rank()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return F.sum(F.mul(y, weights), all, false);
    }
}
