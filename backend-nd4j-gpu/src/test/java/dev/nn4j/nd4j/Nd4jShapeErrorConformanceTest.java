package dev.nn4j.nd4j;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.ShapeErrorConformance;

/** Runs {@link ShapeErrorConformance} against the nd4j backend. */
class Nd4jShapeErrorConformanceTest extends ShapeErrorConformance {
    @Override
    protected Backend backend() {
        return Backends.get("nd4j");
    }
}
