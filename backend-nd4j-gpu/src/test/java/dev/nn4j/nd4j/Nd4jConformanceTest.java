package dev.nn4j.nd4j;

import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.BackendConformanceSuite;
import dev.nn4j.tensor.Backend;

/** Every conformance suite of core, on the ND4J backend. */
class Nd4jConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return Backends.get("nd4j");
    }
}
