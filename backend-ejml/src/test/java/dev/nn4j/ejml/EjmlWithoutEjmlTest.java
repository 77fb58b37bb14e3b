package dev.nn4j.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.tensor.Backend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backend on a class path without EJML: it must still be found by the service loader,
 * report itself unavailable with a reason that names EJML, and refuse to create tensors.
 * Runs nn4j core and this module in a class loader that sees neither EJML nor the test
 * class path.
 */
class EjmlWithoutEjmlTest {

    @Test
    void missingEjmlMakesTheBackendUnavailableWithAReason() throws Exception {
        URL core = Backend.class.getProtectionDomain().getCodeSource().getLocation();
        URL module = EjmlBackend.class.getProtectionDomain().getCodeSource().getLocation();
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {core, module}, ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(isolated);
            assertThrows(ClassNotFoundException.class, () -> isolated.loadClass("org.ejml.data.FMatrixRMaj"));
            Class<?> backends = isolated.loadClass("dev.nn4j.backend.Backends");

            List<?> all = (List<?>) backends.getMethod("all").invoke(null);
            assertEquals(1, all.size(), "found: " + all);
            Object ejml = all.get(0);
            Object availability = call(ejml, "availability");
            assertFalse((Boolean) call(availability, "available"));
            String reason = (String) call(availability, "reason");
            assertTrue(reason.startsWith("EJML class org.ejml.data.FMatrixRMaj could not be loaded"), reason);
            assertTrue(reason.contains("ejml-fdense"), reason);
            assertTrue(((String) call(ejml, "device")).startsWith("unavailable: EJML class"));

            String description = (String) backends.getMethod("describe").invoke(null);
            assertTrue(description.contains("ejml") && description.contains("UNAVAILABLE: EJML class"), description);

            InvocationTargetException byName = assertThrows(InvocationTargetException.class,
                    () -> backends.getMethod("get", String.class).invoke(null, "ejml"));
            assertTrue(byName.getCause().getMessage().contains("is not available: EJML class"), byName.getCause().getMessage());

            InvocationTargetException kernels = assertThrows(InvocationTargetException.class, () -> call(ejml, "kernels"));
            assertInstanceOf(IllegalStateException.class, kernels.getCause());
            assertTrue(kernels.getCause().getMessage().startsWith("ejml backend kernels: not available: EJML class"));
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }
}
