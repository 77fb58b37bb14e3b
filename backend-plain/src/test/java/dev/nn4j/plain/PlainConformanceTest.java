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

    /** 0.1's training fixtures were written on plain, whose kernels still add in 0.1's order at every vector width. */
    @Override
    protected boolean trainsBitForBitAs01() {
        return true;
    }
}
