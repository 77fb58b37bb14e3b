package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.tensor.Kernels;
import dev.nn4j.tensor.Primitives;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PrimitivesOnlyKernels} runs the defaults of every fused kernel: it and its superclasses override none. */
class PrimitivesOnlyKernelsTest {

    /** The methods {@link Kernels} adds to {@link Primitives}. */
    private static List<Method> fusedMethods() {
        List<Method> fused = new ArrayList<>();
        for (Method m : Kernels.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                fused.add(m);
            }
        }
        return fused;
    }

    @Test
    void everyFusedKernelHasADefault() {
        List<Method> fused = fusedMethods();
        assertEquals(15, fused.size(), "fused kernels of Kernels: " + fused);
        for (Method m : fused) {
            assertTrue(m.isDefault(), "Kernels." + m.getName() + " has no default");
        }
    }

    @Test
    void noFusedKernelIsOverridden() throws NoSuchMethodException {
        for (Method m : fusedMethods()) {
            Method resolved = PrimitivesOnlyKernels.class.getMethod(m.getName(), m.getParameterTypes());
            assertEquals(Kernels.class, resolved.getDeclaringClass(),
                    "PrimitivesOnlyKernels." + m.getName() + " comes from " + resolved.getDeclaringClass().getName()
                            + ", not from Kernels' default");
        }
    }

    @Test
    void primitivesComeFromTheArrayBackend() throws NoSuchMethodException {
        for (Method m : Primitives.class.getDeclaredMethods()) {
            Method resolved = PrimitivesOnlyKernels.class.getMethod(m.getName(), m.getParameterTypes());
            assertTrue(!resolved.getDeclaringClass().isInterface(),
                    "Primitives." + m.getName() + " is not implemented by a class");
        }
    }
}
