package dev.nn4j.conformance;

import dev.nn4j.backend.array.ArrayPrimitives;
import dev.nn4j.tensor.Kernels;

/**
 * Core's array primitives and nothing else: every fused kernel is the {@link Kernels} default
 * written with the primitives. {@code PrimitivesOnlyKernelsTest} asserts by reflection that no
 * fused method is overridden here or in {@link ArrayPrimitives}; {@link PrimitivesOnlyBackend}
 * runs the conformance suite on it, which proves that a backend implementing only the
 * primitives is complete. Stateless and thread-safe, as {@link ArrayPrimitives} is.
 */
public class PrimitivesOnlyKernels extends ArrayPrimitives implements Kernels {
}
