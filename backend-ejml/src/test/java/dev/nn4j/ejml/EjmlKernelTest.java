package dev.nn4j.ejml;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.KernelConformance;

/** Runs {@link KernelConformance} against the EJML backend. */
class EjmlKernelTest extends KernelConformance {
    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }
}
