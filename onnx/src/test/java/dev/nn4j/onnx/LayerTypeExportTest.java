package dev.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.conformance.LayerTypeConformance;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.LayerExample;
import dev.nn4j.nn.LayerFormats;
import dev.nn4j.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered layer type's examples ({@link LayerFormats#examples}), each as a model of one
 * node, exported to ONNX and run in ONNX Runtime with nn4j's outputs (≤ 1e-5), on every backend;
 * a type without an ONNX form must be refused by name (the types refused are printed after the
 * class). A new layer type is tested here by registering it.
 */
class LayerTypeExportTest {
    private static final java.util.Set<String> WITHOUT_FORM = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final TestSupport.Worst WORST = new TestSupport.Worst("nn4j predict vs ONNX Runtime, every layer type");

    @TestFactory
    Stream<DynamicTest> everyRegisteredLayerTypeRunsInOnnxRuntimeWithNn4jsOutputs() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String backend : TestSupport.backends().toList()) {
            for (String type : LayerFormats.types()) {
                List<LayerExample> examples = LayerFormats.examples(type);
                assertFalse(examples.isEmpty(), type + " registers no examples");
                for (LayerExample e : examples) {
                    tests.add(DynamicTest.dynamicTest(backend + ": " + e, () -> {
                        try (GraphModel m = LayerTypeConformance.model(e, TestSupport.backend(backend), DType.FLOAT32)) {
                            CnnExportRuntimeTest.randomStatistics(m, 8);
                            try {
                                OnnxExport.toBytes(m);
                            } catch (IllegalArgumentException refused) {   // a type without an ONNX form: refused by name
                                assertTrue(refused.getMessage().contains("no ONNX form")
                                        && refused.getMessage().contains("layer"), refused.getMessage());
                                WITHOUT_FORM.add(type);
                                return;
                            }
                            GraphExportRuntimeTest.agree(m, 3, 40, WORST);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @AfterAll
    static void report() {
        WORST.print();
        System.out.println("layer types refused by ONNX export (no ONNX form yet): " + new java.util.TreeSet<>(WITHOUT_FORM));
    }
}
