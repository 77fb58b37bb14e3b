package dev.nn4j.plain;

import dev.nn4j.backend.Backends;
import dev.nn4j.backend.array.ArrayKernels;
import dev.nn4j.backend.array.ArrayTensor;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlainBackendTest {

    @Test
    void serviceLoaderFindsPlainByName() {
        Backend b = Backends.get("plain");
        assertInstanceOf(PlainBackend.class, b);
        assertSame(b, Backends.get("PLAIN"), "one instance per JVM, names case-insensitive");
        assertTrue(Backends.all().contains(b));
        assertTrue(Backends.available().contains(b));
    }

    @Test
    void describesItself() {
        Backend b = Backends.get("plain");
        assertEquals("plain", b.name());
        assertEquals(PlainBackend.PRIORITY, b.priority());
        assertTrue(b.priorityReason().startsWith("fastest on a CPU"), b.priorityReason());
        assertTrue(b.isAvailable());
        String device = b.device();
        assertTrue(device.startsWith("CPU: pure Java"), device);
        assertTrue(device.contains(System.getProperty("os.arch")), device);
        assertTrue(device.contains(Runtime.getRuntime().availableProcessors() + " processors"), device);
        assertTrue(Backends.describe().contains("plain"), Backends.describe());
        // surefire runs with --add-modules jdk.incubator.vector, so the Vector API engine is in use and no hint is given
        assertTrue(device.contains("gemm: vector"), device);
        assertFalse(device.contains("--add-modules"), device);
    }

    @Test
    void createsArrayTensorsAndUsesTheArrayKernels() {
        Backend b = Backends.get("plain");
        assertInstanceOf(ArrayTensor.class, b.zeros(DType.FLOAT64, 2, 2));
        assertInstanceOf(ArrayKernels.class, b.kernels());
        assertSame(b.kernels(), b.kernels());
    }
}
