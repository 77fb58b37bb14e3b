package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.KernelConformance;

/** Runs {@link KernelConformance} against the plain backend. */
class PlainKernelTest extends KernelConformance {
    @Override
    protected Backend backend() {
        return Backends.get(PlainBackend.NAME);
    }
}
