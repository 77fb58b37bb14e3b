package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.FlattenConfig;
import dev.nn4j.nn.GradientCheck;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Initializer;
import dev.nn4j.nn.Input;
import dev.nn4j.nn.Layer;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.LayerExample;
import dev.nn4j.nn.LayerFormats;
import dev.nn4j.nn.Losses;
import dev.nn4j.nn.Node;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Rng;
import dev.nn4j.tensor.Backend;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layer type in the registry ({@link LayerFormats#types()}), through the examples it
 * registered, on the backend under test: its gradients (parameters and inputs) against central
 * differences in FLOAT64, its outputs against the array reference backend in FLOAT32 and FLOAT64
 * in both modes, its model-file form and stored-value count, and a saved model predicting the
 * same bits. A new layer type is tested here by registering it, without editing this class.
 */
public abstract class LayerTypeConformance extends ConformanceSupport {
    private static final int BATCH = 3;

    /** Each registered example as {@code type: example: what}. */
    private Stream<DynamicTest> each(String what, BiConsumer<String, LayerExample> test) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : LayerFormats.types()) {
            for (LayerExample e : LayerFormats.examples(type)) {
                tests.add(DynamicTest.dynamicTest(type + ": " + e + ": " + what, () -> test.accept(type, e)));
            }
        }
        return tests.stream();
    }

    @Test
    void everyBuiltInTypeRegistersExamples() {
        for (String type : LayerFormats.types()) {
            assertFalse(LayerFormats.examples(type).isEmpty(), type + " registers no examples");
            for (LayerExample e : LayerFormats.examples(type)) {
                assertEquals(type, e.config().type(), e.toString());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> gradientsOfParametersAndInputsMatchCentralDifferences() {
        return each("gradients", (type, e) -> {
            List<Tensor> xs = inputs(backend(), DType.FLOAT64, e, 17);
            try (Layer layer = e.config().create("layer", e.inputs(), backend(), DType.FLOAT64)) {
                layer.initialize(Initializer.XAVIER, new Rng(5));
                GradientCheck.Report r = GradientCheck.check(layer, xs);
                assertTrue(r.passes(1e-6), e + ": " + r);
                int values = 0;
                for (Tensor x : xs) {
                    values += x.dtype().isFloating() ? x.size() : 0;     // token ids have no gradient
                }
                for (Parameter p : layer.parameters()) {
                    values += p.size();
                }
                assertEquals(values, r.checked(), "every parameter and input value is checked");
            } finally {
                xs.forEach(Tensor::close);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> outputsAgreeWithTheReferenceBackendInBothModes() {
        return each("agrees with the reference backend", (type, e) -> {
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
                try (GraphModel mine = model(e, backend(), dtype); GraphModel ref = model(e, OtherBackend.INSTANCE, dtype)) {
                    for (boolean training : new boolean[] {false, true}) {
                        double[] a = output(mine, e, dtype, training);
                        double[] b = output(ref, e, dtype, training);
                        for (int i = 0; i < a.length; i++) {
                            assertEquals(b[i], a[i], tol * Math.max(1, Math.abs(b[i])),
                                    e + " " + dtype + (training ? " training" : " inference") + " output " + i);
                        }
                    }
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> modelFileFormAndStoredValues() {
        return each("model file", (type, e) -> {
            LayerConfig c = e.config();
            Map<String, Object> json = LayerFormats.write(c);
            assertEquals(c, LayerFormats.read("example", new LinkedHashMap<>(json)), "JSON round trip of " + json);
            try (Layer layer = c.create("layer", e.inputs(), backend(), DType.FLOAT32)) {
                long held = 0;
                for (Parameter p : layer.parameters()) {
                    held += p.size();
                }
                for (Parameter p : layer.statistics()) {
                    held += p.size();
                }
                assertEquals(held, c.storedValues(e.inputs()), "storedValues of " + c);
                assertEquals(c.outputShape(e.inputs()), layer.outputShape());
            }
            try (GraphModel m = model(e, backend(), DType.FLOAT64)) {
                byte[] bytes = ModelFile.toBytes(m, true);
                try (GraphModel back = ModelFile.graphFromBytes(bytes, backend(), DType.FLOAT64)) {
                    double[] a = output(m, e, DType.FLOAT64, false);
                    double[] b = output(back, e, DType.FLOAT64, false);
                    for (int i = 0; i < a.length; i++) {
                        assertEquals(Double.doubleToLongBits(a[i]), Double.doubleToLongBits(b[i]), e + " output " + i);
                    }
                } catch (dev.nn4j.io.ModelFormatException ex) {
                    throw new AssertionError(e + ": " + ex.getMessage(), ex);
                }
            }
        });
    }

    /** Inputs {@code input0, input1, ...} into one node of the example's layer, flattened when it is not flat. */
    public static GraphModel model(LayerExample e, Backend backend, DType dtype) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < e.inputs().size(); i++) {
            int[] dims = e.inputs().get(i).dims();
            inputs.add(e.holdsTokens() ? Input.tokens("input" + i, dims) : Input.of("input" + i, dims));
        }
        Node y = Node.of("layer", e.config(), inputs.toArray(new Node[0]));
        if (y.shape().rank() != 1) {
            y = y.then("flatten", new FlattenConfig());
        }
        return GraphModel.builder(List.copyOf(inputs), List.of(y)).loss(y, Losses.mse()).backend(backend).dtype(dtype)
                .optimizer(new dev.nn4j.optim.Sgd(0.1)).initializer(Initializer.XAVIER).seed(5).build();
    }

    /** The model's output on the example's fixed inputs, in inference or (with fixed dropout masks) training mode. */
    private static double[] output(GraphModel m, LayerExample e, DType dtype, boolean training) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        List<Tensor> xs = inputs(m.backend(), dtype, e, 17);
        for (int i = 0; i < xs.size(); i++) {
            in.put("input" + i, xs.get(i));
        }
        try {
            if (training && xs.size() == 1) {   // the layers of several inputs (merges) have no training mode
                m.seedDropout(99);
                return m.forward(xs.get(0), Mode.TRAINING).toDoubleArray();
            }
            return m.predict(in).get(m.outputNames().get(0)).toDoubleArray();
        } finally {
            xs.forEach(Tensor::close);
        }
    }

    /**
     * Batches of {@value #BATCH} samples of the example's input shapes, uniform in [-1, 1) from
     * {@code seed}; for a token example INT32 ids uniform in {@code [0, vocabulary)}, each id appearing.
     */
    static List<Tensor> inputs(Backend backend, DType dtype, LayerExample e, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Tensor> xs = new ArrayList<>();
        for (Shape s : e.inputs()) {
            int[] dims = new int[s.rank() + 1];
            dims[0] = BATCH;
            System.arraycopy(s.dims(), 0, dims, 1, s.rank());
            Tensor t = backend.zeros(e.holdsTokens() ? DType.INT32 : dtype, dims);
            double[] v = new double[t.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = e.holdsTokens() ? (i < e.vocabulary() ? i : rnd.nextInt(e.vocabulary())) : rnd.nextDouble(-1, 1);
            }
            t.setAll(v);
            xs.add(t);
        }
        return xs;
    }
}
