package dev.nn4j.ejml;

import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.BackendConformanceSuite;
import dev.nn4j.tensor.Backend;

/** Every conformance suite of core, on the EJML backend. */
class EjmlConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }
}
