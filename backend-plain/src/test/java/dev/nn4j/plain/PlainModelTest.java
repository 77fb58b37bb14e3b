package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.ModelConformance;

/** The model conformance suite on the plain backend. */
class PlainModelTest extends ModelConformance {
    @Override
    protected Backend backend() {
        return Backends.get("plain");
    }
}
