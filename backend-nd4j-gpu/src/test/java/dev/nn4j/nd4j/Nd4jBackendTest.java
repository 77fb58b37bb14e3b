package dev.nn4j.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backend;
import dev.nn4j.backend.Backends;
import dev.nn4j.tensor.DType;
import org.junit.jupiter.api.Test;

/** Discovery, selection and self-description of the nd4j backend (CPU build). */
class Nd4jBackendTest {

    @Test
    void serviceLoaderFindsNd4jByName() {
        Backend b = Backends.get("nd4j");
        assertInstanceOf(Nd4jBackend.class, b);
        assertSame(b, Backends.get("ND4J"), "one instance per JVM, names case-insensitive");
        assertTrue(b.isAvailable(), b.availability().reason());
        assertInstanceOf(Nd4jTensor.class, b.zeros(DType.FLOAT64, 2, 2));
    }

    @Test
    void defaultChoicePrefersNd4jOverPlain() {
        assertTrue(Backends.all().stream().anyMatch(b -> b.name().equals("plain")),
                "plain must be on the test class path for this test: " + Backends.all());
        Backend chosen = Backends.get();
        if (System.getProperty(Backends.PROPERTY) == null && System.getenv(Backends.ENV) == null) {
            assertEquals("nd4j", chosen.name(), Backends.describe());
        }
        assertEquals(Nd4jBackend.PRIORITY_CPU, Backends.get("nd4j").priority());
        assertTrue(Backends.get("nd4j").priority() > Backends.get("plain").priority());
    }

    @Test
    void deviceReportsCpuBlasThreadsVersionAndOffHeapLimits() {
        String device = Backends.get("nd4j").device();
        System.out.println(Backends.describe());
        assertTrue(device.startsWith("CPU: nd4j-native"), device);
        assertTrue(device.contains("BLAS: OPENBLAS (OpenBLAS 0.3."), device);
        assertTrue(device.contains("libnd4j 1, BLAS 1 (OMP_NUM_THREADS=1)"), device);
        assertTrue(device.contains("ND4J 1.0.0-M2.1, CpuBackend"), device);
        assertTrue(device.contains("off-heap: limit ") && device.contains("ND4J buffers in use "), device);
    }

    @Test
    void constructorLoadsNoNativeCodeAndPriorityNeedsNone() {
        Nd4jBackend fresh = new Nd4jBackend();
        assertEquals("nd4j", fresh.name());
        assertEquals(Nd4jBackend.PRIORITY_CPU, fresh.priority(), "no CUDA backend on this class path");
    }
}
