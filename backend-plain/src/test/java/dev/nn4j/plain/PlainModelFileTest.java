package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.io.ModelFileConformance;

/** The model-file conformance suite on the plain backend. */
class PlainModelFileTest extends ModelFileConformance {
    @Override
    protected Backend backend() {
        return Backends.get("plain");
    }
}
