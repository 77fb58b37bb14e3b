package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.optim.AdaGrad;
import dev.nn4j.optim.Adam;
import dev.nn4j.optim.AdamW;
import dev.nn4j.optim.Optimizer;
import dev.nn4j.optim.Optimizers;
import dev.nn4j.optim.RmsProp;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.DType;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Optimizer updates on a tiny parameter {@code w = [0.5, −1]} with a fixed gradient
 * {@code g = [0.2, −0.4]}, against values worked out by hand; learning-rate changes;
 * state export; validation. Subclasses supply the backend.
 */
public abstract class OptimizerConformance extends LearningFixtures {
    static final double[] W = {0.5, -1};
    static final double[] G = {0.2, -0.4};

    Parameter parameter(DType dtype) {
        Parameter p = new Parameter("p", backend().zeros(dtype, 1, 2), backend().zeros(dtype, 1, 2));
        p.set(W);
        p.gradient().setAll(G);
        return p;
    }

    /** Takes {@code steps} steps with the fixed gradient and returns the value. */
    double[] run(Optimizer opt, DType dtype, int steps) {
        Parameter p = parameter(dtype);
        for (int i = 0; i < steps; i++) {
            opt.step(List.of(p));
        }
        return p.value().toDoubleArray();
    }

    /** {@code W − factor · G} or {@code W − factor · sign(G)} element-wise. */
    static double[] minus(double factor, boolean sign) {
        double[] out = new double[2];
        for (int i = 0; i < 2; i++) {
            out[i] = W[i] - factor * (sign ? Math.signum(G[i]) : G[i]);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void sgdMovesAgainstTheGradient(DType dtype) {
        double tol = dtype == DType.FLOAT64 ? 1e-15 : 1e-7;
        assertArrayEquals(minus(0.1, false), run(new Sgd(0.1), dtype, 1), tol);
        assertArrayEquals(minus(0.2, false), run(new Sgd(0.1), dtype, 2), tol);
        // momentum 0.9: v1 = g, v2 = 1.9g, so after two steps w = W − 0.1·2.9·g.
        assertArrayEquals(minus(0.1, false), run(new Sgd(0.1, 0.9), dtype, 1), tol);
        assertArrayEquals(minus(0.29, false), run(new Sgd(0.1, 0.9), dtype, 2), tol);
        // Nesterov: w −= lr·(g + 0.9·v); step 1: 1.9g, step 2: g + 0.9·1.9g = 2.71g.
        assertArrayEquals(minus(0.19, false), run(new Sgd(0.1, 0.9, true), dtype, 1), tol);
        assertArrayEquals(minus(0.19 + 0.271, false), run(new Sgd(0.1, 0.9, true), dtype, 2), tol);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void adaptiveOptimizersFirstStepsMatchHandValues(DType dtype) {
        double tol = dtype == DType.FLOAT64 ? 1e-7 : 1e-6;
        // Adam: m̂ = g and v̂ = g² on every step with a constant gradient: w moves by lr·sign(g) (up to ε).
        assertArrayEquals(minus(0.1, true), run(new Adam(0.1), dtype, 1), tol);
        assertArrayEquals(minus(0.2, true), run(new Adam(0.1), dtype, 2), tol);
        // AdamW: w·(1 − lr·λ) first, then the Adam step.
        double[] w = run(new AdamW(0.1, 0.1), dtype, 1);
        for (int i = 0; i < 2; i++) {
            assertEquals(W[i] * (1 - 0.01) - 0.1 * Math.signum(G[i]), w[i], tol);
        }
        // RMSProp ρ = 0.9: v = 0.1·g², step lr·g/sqrt(0.1·g²) = lr/sqrt(0.1)·sign(g).
        assertArrayEquals(minus(0.1 / Math.sqrt(0.1), true), run(new RmsProp(0.1), dtype, 1), tol);
        // AdaGrad: G = g², then 2g²: steps lr·sign(g) and lr/sqrt(2)·sign(g).
        assertArrayEquals(minus(0.1, true), run(new AdaGrad(0.1), dtype, 1), tol);
        assertArrayEquals(minus(0.1 + 0.1 / Math.sqrt(2), true), run(new AdaGrad(0.1), dtype, 2), tol);
    }

    static Stream<DoubleFunction<Optimizer>> optimizers() {
        return Stream.of(Sgd::new, lr -> new Sgd(lr, 0.9), lr -> new Sgd(lr, 0.9, true), Adam::new,
                lr -> new AdamW(lr, 0.1), RmsProp::new, AdaGrad::new);
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void changingTheLearningRateScalesTheNextStep(DoubleFunction<Optimizer> factory) {
        Optimizer changed = factory.apply(0.1);
        Optimizer constant = factory.apply(0.1);
        Parameter a = parameter(DType.FLOAT64);
        Parameter b = parameter(DType.FLOAT64);
        changed.step(List.of(a));
        constant.step(List.of(b));
        assertArrayEquals(b.value().toDoubleArray(), a.value().toDoubleArray(), 0, "same first step");
        double[] before = a.value().toDoubleArray();
        changed.setLearningRate(0.05);
        assertEquals(0.05, changed.learningRate());
        changed.step(List.of(a));
        constant.step(List.of(b));
        double[] afterA = a.value().toDoubleArray();
        double[] afterB = b.value().toDoubleArray();
        for (int i = 0; i < 2; i++) {
            double deltaHalf = afterA[i] - before[i];
            double deltaFull = afterB[i] - before[i];
            assertTrue(Math.abs(deltaFull) > 1e-3, changed.id() + " moved " + deltaFull);
            assertEquals(deltaFull / 2, deltaHalf, 1e-12, changed.id() + " " + changed.config());
        }
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void learningRateZeroIsAcceptedAndFreezesTheWeights(DoubleFunction<Optimizer> factory) {
        Optimizer frozen = factory.apply(0);
        assertEquals(0, frozen.learningRate());
        Parameter p = parameter(DType.FLOAT64);
        double[] before = p.value().toDoubleArray();
        for (int i = 0; i < 3; i++) {
            frozen.step(List.of(p));
        }
        assertArrayEquals(before, p.value().toDoubleArray(), 0, frozen.id() + " with rate 0 moved the weights");
        Optimizer annealed = factory.apply(0.1);
        annealed.setLearningRate(0);
        annealed.step(List.of(p));
        assertArrayEquals(before, p.value().toDoubleArray(), 0, annealed.id() + " set to rate 0 moved the weights");
        Optimizer rebuilt = Optimizers.create(frozen.id(), frozen.config());
        assertEquals(0, rebuilt.learningRate(), "a model file may store rate 0");
    }

    @Test
    void adamStateExportsAndImportsSoTrainingResumesIdentically() {
        Adam first = new Adam(0.05);
        Parameter p = parameter(DType.FLOAT64);
        first.step(List.of(p));
        Map<String, double[]> state = first.exportState(List.of(p));
        assertEquals(Map.of("p.m", 2, "p.v", 2, "step", 1).keySet(), state.keySet());
        Adam resumed = new Adam(0.05);
        Parameter q = parameter(DType.FLOAT64);
        q.set(p.value().toDoubleArray());
        resumed.importState(List.of(q), state);
        first.step(List.of(p));
        resumed.step(List.of(q));
        assertArrayEquals(p.value().toDoubleArray(), q.value().toDoubleArray(), 0);
        assertEquals(2, resumed.steps());
    }

    @Test
    void adamStateWithoutMomentsIsFreshOnlyAtStepZero() {
        Parameter p = parameter(DType.FLOAT64);
        Adam unstepped = new Adam(0.05);
        Map<String, double[]> none = unstepped.exportState(List.of(p));
        assertEquals(Map.of("step", 0).keySet(), none.keySet(), "before the first step only the count is stored");
        Adam resumed = new Adam(0.05);
        resumed.importState(List.of(p), none);
        assertEquals(0, resumed.steps());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(0.05).importState(List.of(p), Map.of("step", new double[] {3})));
        assertEquals("adam state: entry 'step' counts 3 steps, but no moment is stored", e.getMessage());
        Map<String, double[]> half = Map.of("step", new double[] {1}, "p.m", new double[] {0, 0});
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.05).importState(List.of(p), half));
        assertTrue(e.getMessage().contains("entry 'p.v' is missing"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void optimizersRebuildFromIdAndConfig(DoubleFunction<Optimizer> factory) {
        Optimizer original = factory.apply(0.03);
        Optimizer copy = Optimizers.create(original.id(), original.config());
        assertEquals(original.getClass(), copy.getClass());
        assertEquals(original.config(), copy.config());
        assertArrayEquals(run(original, DType.FLOAT64, 3), run(copy, DType.FLOAT64, 3), 0);
    }

    @Test
    void hyperParametersAreValidated() {
        assertMessage(() -> new Sgd(-0.1), "learning rate");
        assertMessage(() -> new Sgd(-Double.MIN_VALUE), "learning rate");
        assertMessage(() -> new Sgd(Double.NaN), "learning rate");
        assertMessage(() -> new Adam(-1), "learning rate");
        assertMessage(() -> new Sgd(0.1).setLearningRate(Double.POSITIVE_INFINITY), "learning rate");
        assertMessage(() -> new Sgd(0.1, 1.0), "momentum");
        assertMessage(() -> new Sgd(0.1, 0, true), "Nesterov");
        assertMessage(() -> new Adam(0.1, 1.0, 0.999, 1e-8), "beta1");
        assertMessage(() -> new Adam(0.1, 0.9, 0.999, 0), "epsilon");
        assertMessage(() -> new AdamW(0.1, -0.1), "weight decay");
        assertMessage(() -> new RmsProp(0.1, 1.5, 1e-8), "rho");
        assertMessage(() -> Optimizers.create("lion", Map.of("learning_rate", 0.1)), "lion");
        assertMessage(() -> Optimizers.create("sgd", Map.of("learning_rate", 0.1, "beta1", 0.9)), "beta1");
        assertMessage(() -> Optimizers.create("adam", Map.of()), "learning_rate");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
