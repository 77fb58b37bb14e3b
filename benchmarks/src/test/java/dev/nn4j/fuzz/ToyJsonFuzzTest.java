package dev.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nn4j.backend.Backends;
import dev.nn4j.toy.NeuralNetwork;

/**
 * Fuzzes {@link NeuralNetwork#fromJson}: any string gives a network or an
 * {@link IllegalArgumentException} naming the field; anything else (a class cast, a null
 * pointer, an out-of-memory for sizes the parameters do not back) is a finding. It lives in
 * the benchmarks module, which has every backend (the facade runs on a discovered one, here
 * plain) and no allocation-sensitive tests: the Jazzer agent instruments the JVM it runs in.
 */
class ToyJsonFuzzTest {
    static {
        Backends.setDefault("plain");
    }
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
