package dev.nn4j.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Sequential;
import dev.nn4j.optim.Sgd;
import dev.nn4j.tensor.Activation;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.toy.NeuralNetwork;
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
    void onCpuASmallModelGetsPlainEvenWithNd4jOnTheClassPath() {
        assertTrue(Backends.all().stream().anyMatch(b -> b.name().equals("plain")),
                "plain must be on the test class path for this test: " + Backends.all());
        if (System.getProperty(Backends.PROPERTY) == null && System.getenv(Backends.ENV) == null) {
            assertEquals("plain", Backends.get().name(), Backends.describe());
            assertTrue(Backends.reason().startsWith("highest priority (30) among available backends: fastest on a CPU"),
                    Backends.reason());
            try (Sequential model = Sequential.builder().input(2).dense(4, Activation.TANH)
                    .dense(1, Activation.SIGMOID).loss(Losses.mse()).optimizer(new Sgd(0.1)).build()) {
                assertEquals("plain", model.backend().name());
                assertTrue(model.toString().contains("backend plain: default, highest priority (30)"), model.toString());
            }
            assertTrue(new NeuralNetwork(2, 4, 1, 7).toString().endsWith("on plain"));
        }
        assertEquals(Nd4jBackend.PRIORITY_CPU, Backends.get("nd4j").priority());
        assertTrue(Backends.get("nd4j").priority() < Backends.get("plain").priority());
        assertTrue(Backends.describe().contains("priority because: on a CPU its fixed cost per call"),
                Backends.describe());
    }

    @Test
    void anExplicitChoiceStillGetsNd4j() {
        try (Sequential model = Sequential.builder().input(2).dense(1, Activation.SIGMOID).loss(Losses.mse())
                .optimizer(new Sgd(0.1)).backend(Backends.get("nd4j")).build()) {
            assertEquals("nd4j", model.backend().name());
            assertTrue(model.toString().contains("backend nd4j: set on the model builder"), model.toString());
        }
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
