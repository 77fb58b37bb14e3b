package dev.nn4j.plain;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.TensorConformance;

/** Runs {@link TensorConformance} against the plain backend. */
class PlainTensorTest extends TensorConformance {
    @Override
    protected Backend backend() {
        return Backends.get(PlainBackend.NAME);
    }
}
