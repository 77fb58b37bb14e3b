package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.GradientConformance;

/** The gradient conformance suite on the plain backend. */
class PlainGradientTest extends GradientConformance {
    @Override
    protected Backend backend() {
        return Backends.get("plain");
    }
}
