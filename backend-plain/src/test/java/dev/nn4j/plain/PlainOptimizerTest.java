package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.OptimizerConformance;

/** The optimizer conformance suite on the plain backend. */
class PlainOptimizerTest extends OptimizerConformance {
    @Override
    protected Backend backend() {
        return Backends.get("plain");
    }
}
