package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.ShapeErrorConformance;

/** Runs {@link ShapeErrorConformance} against the plain backend. */
class PlainShapeErrorTest extends ShapeErrorConformance {
    @Override
    protected Backend backend() {
        return Backends.get(PlainBackend.NAME);
    }
}
