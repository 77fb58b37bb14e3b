package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Arena;
import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Grads;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Plan;
import dev.nn4j.autodiff.Recorder;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recording and replay on the backend under test: buffers shared by liveness without changing
 * results, steps nobody needs dropped, parameter gradients written in place (zeros where no
 * gradient reaches), replays that repeat, and clear errors for misuse.
 */
public abstract class PlanConformance extends ConformanceSupport {

    @Test
    void aLongChainReusesBuffersAndComputesWhatEagerArithmeticDoes() {
        Recorder r = new Recorder();
        Var x = r.input("x", Shape.of(3, 4), DType.FLOAT64, false);
        Var v = x;
        for (int i = 0; i < 12; i++) {
            v = F.affine(F.mul(v, x), 0.5, i);                 // v = (v ⊙ x)/2 + i
        }
        Plan plan = r.plan(List.of(v), null);
        assertEquals(24, plan.stepCount());
        assertTrue(plan.bufferCount() <= 3, "a chain needs at most 3 buffers, got " + plan.bufferCount() + "\n" + plan);
        double[] xs = new double[12];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 0.1 * i - 0.5;
        }
        double[] expected = new double[12];
        for (int e = 0; e < 12; e++) {
            double value = xs[e];
            for (int i = 0; i < 12; i++) {
                value = value * xs[e] * 0.5 + i;
            }
            expected[e] = value;
        }
        try (Tensor xt = tensor(DType.FLOAT64, xs, 3, 4); Arena a = plan.newArena(backend())) {
            a.bind(x, xt);
            a.run();
            assertArrayEquals(expected, a.get(v).toDoubleArray(), 1e-12);
            a.run();
            assertArrayEquals(expected, a.get(v).toDoubleArray(), 1e-12, "a second replay gives the same values");
        }
    }

    @Test
    void parameterGradientsAreWrittenInPlaceAndUnreachedOnesZeroed() {
        try (Tensor w = tensor(DType.FLOAT64, new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
             Tensor dw = tensor(DType.FLOAT64, new double[] {9, 9, 9, 9, 9, 9}, 3, 2);
             Tensor b = tensor(DType.FLOAT64, new double[] {0.5, -0.5}, 1, 2);
             Tensor db = tensor(DType.FLOAT64, new double[] {9, 9}, 1, 2);
             Tensor u = tensor(DType.FLOAT64, new double[] {7}, 1, 1);
             Tensor du = tensor(DType.FLOAT64, new double[] {9}, 1, 1);
             Tensor xt = tensor(DType.FLOAT64, new double[] {1, 0, -1, 2, 1, 0}, 2, 3);
             Tensor tt = tensor(DType.FLOAT64, new double[] {0, 1, 1, 0}, 2, 2)) {
            Parameter pw = new Parameter("w", w, dw);
            Parameter pb = new Parameter("b", b, db);
            Parameter unused = new Parameter("u", u, du);
            Recorder r = new Recorder();
            Var x = r.input("x", Shape.of(2, 3), DType.FLOAT64, false);
            Var t = r.input("t", Shape.of(2, 2), DType.FLOAT64, false);
            r.parameter(unused);
            Var[] yz = F.linear(x, r.parameter(pw), r.parameter(pb), Activation.IDENTITY);
            Var loss = F.squaredError(yz[0], t, true);
            Grads g = r.backward(loss);
            Plan plan = r.plan(List.of(loss), g);
            try (Arena a = plan.newArena(backend())) {
                a.bind(x, xt);
                a.bind(t, tt);
                a.run();
                // y = x·w + b = [[-3.5, -4.5], [5.5, 7.5]]; error e = y − t; L = Σe²/4; dL/dy = e/2
                double[] e = {-3.5, -5.5, 4.5, 7.5};
                assertEquals((e[0] * e[0] + e[1] * e[1] + e[2] * e[2] + e[3] * e[3]) / 4, a.scalar(loss), 1e-12);
                double[] dy = {e[0] / 2, e[1] / 2, e[2] / 2, e[3] / 2};
                double[] x0 = {1, 0, -1};
                double[] x1 = {2, 1, 0};
                double[] expectedDw = new double[6];
                for (int i = 0; i < 3; i++) {
                    expectedDw[2 * i] = x0[i] * dy[0] + x1[i] * dy[2];
                    expectedDw[2 * i + 1] = x0[i] * dy[1] + x1[i] * dy[3];
                }
                assertArrayEquals(expectedDw, dw.toDoubleArray(), 1e-12);
                assertArrayEquals(new double[] {dy[0] + dy[2], dy[1] + dy[3]}, db.toDoubleArray(), 1e-12);
                assertArrayEquals(new double[] {0}, du.toDoubleArray(), 0, "a parameter no gradient reaches gets zeros");
            }
        }
    }

    @Test
    void stepsNobodyNeedsAreDropped() {
        Recorder r = new Recorder();
        Var x = r.input("x", Shape.of(2, 2), DType.FLOAT64, false);
        F.exp(x);                                       // read by nobody
        Var y = F.scale(x, 3);
        Plan plan = r.plan(List.of(y), null);
        assertEquals(1, plan.stepCount(), plan.toString());
    }

    @Test
    void misuseIsRefusedByName() {
        Recorder r = new Recorder();
        Var x = r.input("x", Shape.of(2, 2), DType.FLOAT64, false);
        Var hidden = F.exp(x);
        Var y = F.scale(hidden, 3);
        Plan plan = r.plan(List.of(y), null);
        try (Arena a = plan.newArena(backend()); Tensor wrong = tensor(DType.FLOAT64, new double[] {1, 2, 3}, 3)) {
            IllegalArgumentException bind = assertThrows(IllegalArgumentException.class, () -> a.bind(x, wrong));
            assertTrue(bind.getMessage().contains("input 'x' is [2x2] FLOAT64") && bind.getMessage().contains("got [3]"),
                    bind.getMessage());
            IllegalArgumentException get = assertThrows(IllegalArgumentException.class, () -> a.get(hidden));
            assertTrue(get.getMessage().contains("not an output of this plan"), get.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> F.exp(x), "recording after plan() is refused");
        Recorder other = new Recorder();
        Var z = other.input("z", Shape.of(2, 2), DType.FLOAT64, false);
        Recorder third = new Recorder();
        Var w = third.input("w", Shape.of(2, 2), DType.FLOAT64, false);
        assertThrows(IllegalArgumentException.class, () -> F.add(z, w));
    }
}
