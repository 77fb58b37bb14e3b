package dev.nn4j.ejml;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.conformance.TensorConformance;

/** Runs {@link TensorConformance} against the EJML backend. */
class EjmlTensorTest extends TensorConformance {
    @Override
    protected Backend backend() {
        return Backends.get("ejml");
    }
}
