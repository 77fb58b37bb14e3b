package dev.nn4j.conformance;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Backend;

/**
 * Every conformance suite on {@link PrimitivesOnlyBackend}: every layer, loss, optimizer, model
 * file and the Toy facade run through the fused kernels' defaults, written with the primitives
 * only. Not bit for bit with 0.1's training (its fused steps add in another order).
 */
class PrimitivesOnlyConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return Backends.get(PrimitivesOnlyBackend.NAME);
    }
}
