package dev.nn4j.ejml;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.BackendConformanceSuite;

/** Every conformance suite of core, on the EJML backend. */
class EjmlConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }
}
