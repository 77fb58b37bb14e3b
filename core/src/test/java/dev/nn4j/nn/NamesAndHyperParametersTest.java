package dev.nn4j.nn;

import dev.nn4j.tensor.Activation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.train.FitConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Unknown names and out-of-range parameters of activations and the divergence setting give an
 * {@link IllegalArgumentException} that repeats the value; rows of docs/reliability.md (losses,
 * initializers and optimizers have their own tests).
 */
class NamesAndHyperParametersTest {

    private static String fails(Executable e, String... parts) {
        String message = assertThrows(IllegalArgumentException.class, e).getMessage();
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
        }
        return message;
    }

    @Test
    void unknownOrMalformedActivationNames() {
        fails(() -> Activation.parse("swish"), "swish");
        fails(() -> Activation.parse("elu(0.5"), "elu(0.5");
        fails(() -> Activation.parse("leaky_relu(x)"), "leaky_relu(x)");
        assertEquals(Activation.elu(0.5), Activation.parse(" ELU(0.5) "));
    }

    @Test
    void activationParametersOutOfRange() {
        fails(() -> Activation.leakyRelu(1), "alpha", "[0, 1)", "1.0");
        fails(() -> Activation.leakyRelu(Double.NaN), "alpha", "NaN");
        fails(() -> Activation.elu(0), "alpha", "positive", "0.0");
        fails(() -> Activation.elu(Double.POSITIVE_INFINITY), "alpha", "Infinity");
    }

    @Test
    void divergenceFactorMustExceedOne() {
        fails(() -> FitConfig.builder().divergenceFactor(1), "divergence factor", "> 1", "1.0");
        fails(() -> FitConfig.builder().divergenceFactor(Double.NaN), "divergence factor", "NaN");
        assertEquals(Double.POSITIVE_INFINITY,
                FitConfig.builder().divergenceFactor(Double.POSITIVE_INFINITY).build().divergenceFactor());
        assertEquals(1e6, FitConfig.builder().build().divergenceFactor());
        assertTrue(FitConfig.builder().build().checkFinite(), "fit checks data for NaN by default");
    }
}
