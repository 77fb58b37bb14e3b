package dev.nn4j.ejml;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.ShapeErrorConformance;

/** Runs {@link ShapeErrorConformance} against the EJML backend. */
class EjmlShapeErrorTest extends ShapeErrorConformance {
    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }
}
