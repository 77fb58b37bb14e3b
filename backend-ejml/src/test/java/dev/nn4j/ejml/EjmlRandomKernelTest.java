package dev.nn4j.ejml;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.RandomKernelConformance;

/** Runs {@link RandomKernelConformance} against the EJML backend. */
class EjmlRandomKernelTest extends RandomKernelConformance {
    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }
}
