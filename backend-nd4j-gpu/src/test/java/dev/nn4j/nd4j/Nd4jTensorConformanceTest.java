package dev.nn4j.nd4j;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.TensorConformance;

/** Runs {@link TensorConformance} against the nd4j backend. */
class Nd4jTensorConformanceTest extends TensorConformance {
    @Override
    protected Backend backend() {
        return Backends.get("nd4j");
    }
}
