package dev.nn4j.conformance;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Backend;
import org.junit.jupiter.api.Nested;

/**
 * The defaults of the fused kernels, run on the primitives-only backends, against core's fused
 * array kernels ({@link OtherBackend}) on the same inputs, with {@link FusionConformance}'s
 * cases and tolerances: once where reshape gives views, once where it copies (the defaults'
 * write-back path).
 */
class DefaultsAgainstArrayKernelsTest {

    @Nested
    class WithViews extends FusionConformance {
        @Override
        protected Backend backend() {
            return OtherBackend.INSTANCE;
        }

        @Override
        protected Backend defaultsBackend() {
            return Backends.get(PrimitivesOnlyBackend.NAME);
        }
    }

    @Nested
    class WithCopyingReshape extends FusionConformance {
        @Override
        protected Backend backend() {
            return OtherBackend.INSTANCE;
        }

        @Override
        protected Backend defaultsBackend() {
            return PrimitivesOnlyBackend.COPYING_RESHAPE;
        }
    }
}
