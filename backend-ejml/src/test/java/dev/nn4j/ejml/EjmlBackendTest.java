package dev.nn4j.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Ops;
import org.ejml.EjmlVersion;
import org.junit.jupiter.api.Test;

/** Discovery through {@link java.util.ServiceLoader}, identity, availability and the device description. */
class EjmlBackendTest {

    @Test
    void serviceLoaderFindsTheBackendByName() {
        Backend b = Backends.get("ejml");
        assertTrue(b instanceof EjmlBackend, "Backends.get(\"ejml\") returned " + b.getClass());
        assertSame(b, Backends.get("EJML"), "one instance per JVM, name case-insensitive");
        assertEquals("ejml", b.name());
        assertEquals(20, b.priority());
        assertTrue(b.isAvailable(), b.availability().reason());
        assertTrue(Backends.all().contains(b));
    }

    @Test
    void deviceNamesVersionThreadsAndThreshold() {
        Backend b = Backends.get("ejml");
        EjmlKernels k = (EjmlKernels) b.kernels();
        String expected = "CPU: EJML " + EjmlVersion.VERSION + " dense row-major, " + k.threads()
                + " threads, concurrent ops above " + k.concurrentThreshold() + " multiply-adds";
        assertEquals(expected, b.device());
        assertTrue(Backends.describe().contains("ejml"), Backends.describe());
    }

    @Test
    void tensorsAreEjmlTensorsAndWorkThroughOps() {
        Backend b = Backends.get("ejml");
        var a = b.matrix(DType.FLOAT64, new double[][] {{1, 2}, {3, 4}});
        var c = Ops.matmul(a, a);
        assertTrue(c instanceof EjmlTensor);
        assertEquals(7.0, c.get(0, 0));
        assertEquals(10.0, c.get(0, 1));
        assertEquals(15.0, c.get(1, 0));
        assertEquals(22.0, c.get(1, 1));
    }
}
