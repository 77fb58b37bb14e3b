package dev.nn4j.plain;

import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.BackendConformanceSuite;
import dev.nn4j.tensor.Backend;

/** Every conformance suite of core, on the plain backend. */
class PlainConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return Backends.get("plain");
    }
}
