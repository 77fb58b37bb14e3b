package dev.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nn4j.toy.NeuralNetwork;

/**
 * Fuzzes {@link NeuralNetwork#fromJson}: any string gives a network or an
 * {@link IllegalArgumentException} naming the field; anything else (a class cast, a null
 * pointer, an out-of-memory for sizes the parameters do not back) is a finding. It lives here
 * rather than in core because the facade runs on the discovered default backend (plain, the only
 * one here).
 */
class ToyJsonFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void fromJson(String json) {
        target(json);
    }

    static void target(String json) {
        try {
            NeuralNetwork nn = NeuralNetwork.fromJson(json);
            nn.predict(new double[nn.inputCount()]);
        } catch (IllegalArgumentException expected) {
            // the documented failure
        }
    }
}
