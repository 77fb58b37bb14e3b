package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.RandomKernelConformance;

/** Runs {@link RandomKernelConformance} against the plain backend. */
class PlainRandomKernelTest extends RandomKernelConformance {
    @Override
    protected Backend backend() {
        return Backends.get(PlainBackend.NAME);
    }
}
