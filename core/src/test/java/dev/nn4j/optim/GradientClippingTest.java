package dev.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Parameter;
import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.data.Dataset;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import dev.nn4j.train.FitConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clipping by global norm against hand-worked values, and inside {@code fit}. */
class GradientClippingTest {

    private static Parameter parameter(String name, double... gradient) {
        Tensor value = OtherBackend.INSTANCE.create(DType.FLOAT64, Shape.of(gradient.length));
        Tensor g = OtherBackend.INSTANCE.create(DType.FLOAT64, Shape.of(gradient.length));
        g.setAll(gradient);
        return new Parameter(name, value, g);
    }

    @Test
    void gradientsAboveTheNormAreScaledTogetherAndOthersAreLeftAlone() {
        Parameter a = parameter("a", 3, 0);
        Parameter b = parameter("b", 4);
        Parameter statistic = Parameter.statistic("s", OtherBackend.INSTANCE.create(DType.FLOAT64, Shape.of(1)));
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(List.of(a, b, statistic), 1), 1e-12);
        double scale = 1 / (5 + 1e-6);                                   // PyTorch's clip_coef
        assertArrayEquals(new double[] {3 * scale, 0}, a.gradient().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {4 * scale}, b.gradient().toDoubleArray(), 1e-15);

        Parameter c = parameter("c", 0.3, -0.4);
        assertEquals(0.5, GradientClipping.clipByGlobalNorm(List.of(c), 1), 1e-12);
        assertArrayEquals(new double[] {0.3, -0.4}, c.gradient().toDoubleArray(), 0, "below the norm: untouched");

        Parameter d = parameter("d", Double.NaN, 1e300);
        assertTrue(Double.isNaN(GradientClipping.clipByGlobalNorm(List.of(d), 1)));
        assertEquals(1e300, d.gradient().toDoubleArray()[1], 0, "a non-finite norm scales nothing");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipByGlobalNorm(List.of(c), 0));
        assertTrue(e.getMessage().contains("maxNorm") && e.getMessage().contains("0.0"), e.getMessage());
    }

    @Test
    void fitClipsEveryStepBeforeTheUpdate() {
        double[][] xs = {{1, 2}, {-1, 0.5}, {2, -1}, {0, 1}};
        double[][] ys = {{5}, {-3}, {4}, {2}};
        double maxNorm = 1e-3;
        double lr = 0.1;
        try (Sequential m = Sequential.builder().input(2).dense(1, Activation.IDENTITY).loss(Losses.mse())
                .optimizer(new Sgd(lr)).backend(OtherBackend.INSTANCE).dtype(DType.FLOAT64).seed(1).build()) {
            double[] before = m.parameters().get(0).value().toDoubleArray();
            double[] biasBefore = m.parameters().get(1).value().toDoubleArray();
            m.fit(Dataset.of(xs, ys), FitConfig.builder().epochs(1).batchSize(4).shuffle(false).logEpochs(false)
                    .clipGradientNorm(maxNorm).build());
            double[] after = m.parameters().get(0).value().toDoubleArray();
            double[] biasAfter = m.parameters().get(1).value().toDoubleArray();
            double moved = 0;
            for (int i = 0; i < after.length; i++) {
                moved += (after[i] - before[i]) * (after[i] - before[i]);
            }
            moved += (biasAfter[0] - biasBefore[0]) * (biasAfter[0] - biasBefore[0]);
            assertEquals(lr * maxNorm, Math.sqrt(moved), 1e-9, "one SGD step of a gradient clipped to maxNorm");
        }
        assertThrows(IllegalArgumentException.class, () -> FitConfig.builder().clipGradientNorm(Double.NaN));
    }
}
