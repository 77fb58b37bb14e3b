package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Arena;
import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Grads;
import dev.nn4j.autodiff.Mode;
import dev.nn4j.autodiff.Parameter;
import dev.nn4j.autodiff.Plan;
import dev.nn4j.autodiff.Recorder;
import dev.nn4j.autodiff.Scope;
import dev.nn4j.autodiff.Var;
import dev.nn4j.nn.Layer;
import dev.nn4j.nn.LayerConfig;
import dev.nn4j.nn.LayerNormConfig;
import dev.nn4j.nn.MultiHeadAttentionConfig;
import dev.nn4j.nn.PatchesConfig;
import dev.nn4j.nn.PositionEmbeddingConfig;
import dev.nn4j.nn.RecurrentConfig;
import dev.nn4j.nn.TransformerEncoderConfig;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sequence layers against PyTorch 1.13's own modules ({@code nn.MultiheadAttention} self,
 * causal, cross and with a key padding mask; {@code nn.TransformerEncoderLayer} post- and
 * pre-norm, ReLU and GELU, with and without the causal mask; {@code nn.LayerNorm}; patches
 * against {@code F.unfold}; the sinusoid table of PyTorch's Transformer tutorial; {@code nn.LSTM}
 * and {@code nn.GRU} of one and two layers, every step or the last, from zero or given initial
 * states): outputs and
 * the gradients of {@code Σ w ⊙ out} for every input and every parameter, nn4j's parameter names
 * being PyTorch's {@code state_dict} keys. The fixture {@code dev/nn4j/nn/torch/layers.txt} and
 * the script that wrote it ({@code make_layer_fixtures.py}) sit in core's test resources. Each
 * result's worst difference, divided by the largest magnitude of PyTorch's tensor, must stay
 * within {@code 1e-5} (FLOAT32) or {@code 1e-10} (FLOAT64).
 */
public abstract class TorchLayerConformance extends ConformanceSupport {
    static final String FIXTURE = "/dev/nn4j/nn/torch/layers.txt";

    /** A case: the layer, and its inputs in the order the layer takes them. */
    record Case(LayerConfig config, List<String> inputs) {
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("mha_self", new Case(MultiHeadAttentionConfig.self(8, 2), List.of("x")));
        CASES.put("mha_causal", new Case(MultiHeadAttentionConfig.self(8, 4).withCausalMask(), List.of("x")));
        CASES.put("mha_cross", new Case(MultiHeadAttentionConfig.self(8, 2).withCrossInput(), List.of("q", "kv")));
        CASES.put("mha_padding", new Case(MultiHeadAttentionConfig.self(8, 2).withCausalMask().withKeyPaddingMask(),
                List.of("x", "mask")));
        TransformerEncoderConfig block = TransformerEncoderConfig.of(8, 2, 12).withDropout(0);
        CASES.put("encoder_post_relu", new Case(block, List.of("x")));
        CASES.put("encoder_pre_gelu", new Case(block.withNormFirst(true).withActivation("gelu"), List.of("x")));
        CASES.put("encoder_pre_gelu_causal", new Case(block.withNormFirst(true).withActivation("gelu")
                .withCausalMask(true), List.of("x")));
        CASES.put("encoder_post_gelu_causal", new Case(block.withActivation("gelu").withCausalMask(true), List.of("x")));
        CASES.put("layernorm", new Case(new LayerNormConfig(), List.of("x")));
        CASES.put("patches", new Case(new PatchesConfig(2), List.of("x")));
        CASES.put("position_sinusoidal", new Case(PositionEmbeddingConfig.sinusoidal(7, 6), List.of("x")));
        CASES.put("lstm_all", new Case(RecurrentConfig.lstm(3, 4).withLayers(2).withReturnSequences(true), List.of("x")));
        CASES.put("lstm_last", new Case(RecurrentConfig.lstm(3, 5), List.of("x")));
        CASES.put("gru_all", new Case(RecurrentConfig.gru(3, 4).withLayers(2).withReturnSequences(true), List.of("x")));
        CASES.put("gru_last", new Case(RecurrentConfig.gru(3, 5), List.of("x")));
        CASES.put("lstm_states", new Case(RecurrentConfig.lstm(3, 4).withLayers(2).withReturnSequences(true)
                .withInitialStates(true), List.of("x", "h0", "c0")));
        CASES.put("gru_states", new Case(RecurrentConfig.gru(3, 5).withInitialStates(true), List.of("x", "h0")));
    }

    private static Map<String, TorchOpConformance.Entry> fixture;

    static synchronized Map<String, TorchOpConformance.Entry> fixture() {
        if (fixture == null) {
            try (InputStream in = TorchLayerConformance.class.getResourceAsStream(FIXTURE)) {
                assertNotNull(in, FIXTURE + " is missing");
                fixture = TorchOpConformance.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fixture;
    }

    private static TorchOpConformance.Entry entry(String key) {
        TorchOpConformance.Entry e = fixture().get(key);
        assertNotNull(e, FIXTURE + " has no " + key);
        return e;
    }

    /** The worst scaled difference of case {@code name} in {@code dtype}, with where it was found. */
    TorchOpConformance.Worst worst(String name, DType dtype) {
        Case c = CASES.get(name);
        List<Tensor> owned = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (String input : c.inputs()) {
            Shape batch = entry(name + "." + input).shape();
            int[] sample = new int[batch.rank() - 1];
            System.arraycopy(batch.dims(), 1, sample, 0, sample.length);
            shapes.add(Shape.of(sample));
        }
        try (Layer layer = c.config().create("layer", shapes, backend(), dtype)) {
            for (Parameter p : layer.parameters()) {
                String key = name + ".param." + p.name().substring("layer.".length());
                assertTrue(fixture().containsKey(key), "PyTorch has no parameter " + key + " (nn4j's " + p.name() + ")");
                p.set(entry(key).values());
            }
            Recorder r = new Recorder();
            List<Var> vars = new ArrayList<>();
            for (String input : c.inputs()) {
                TorchOpConformance.Entry e = entry(name + "." + input);
                vars.add(r.input(input, e.shape(), dtype, fixture().containsKey(name + ".grad." + input)));
            }
            Var out = layer.forward(new Scope(r, Mode.TRAINING), vars);
            Tensor w = tensor(dtype, entry(name + ".w").values(), entry(name + ".w").shape().dims());
            owned.add(w);
            int[] all = new int[out.rank()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            Grads g = r.backward(F.sum(F.mul(out, r.constant(w)), all, false));
            List<Var> outputs = new ArrayList<>(List.of(out));
            List<String> names = new ArrayList<>(List.of("out"));
            for (int i = 0; i < vars.size(); i++) {
                if (vars.get(i).requiresGrad()) {
                    outputs.add(g.of(vars.get(i)));
                    names.add("grad." + c.inputs().get(i));
                }
            }
            for (Parameter p : layer.parameters()) {
                outputs.add(g.of(r.parameter(p)));
                names.add("grad.param." + p.name().substring("layer.".length()));
            }
            Plan plan = r.plan(outputs, null);
            try (Arena arena = plan.newArena(backend())) {
                for (int i = 0; i < vars.size(); i++) {
                    TorchOpConformance.Entry e = entry(name + "." + c.inputs().get(i));
                    Tensor t = tensor(dtype, e.values(), e.shape().dims());
                    owned.add(t);
                    arena.bind(vars.get(i), t);
                }
                arena.run();
                TorchOpConformance.Worst worst = new TorchOpConformance.Worst(name, "-", 0);
                for (int i = 0; i < outputs.size(); i++) {
                    assertNotNull(outputs.get(i), name + "." + names.get(i) + " has no gradient");
                    TorchOpConformance.Entry expected = entry(name + "." + names.get(i));
                    Tensor got = arena.get(outputs.get(i));
                    assertEquals(expected.shape(), got.shape(), name + "." + names.get(i));
                    double error = TorchOpConformance.scaledError(got.toDoubleArray(), expected.values());
                    if (!(error <= worst.error())) {
                        worst = new TorchOpConformance.Worst(name, names.get(i), error);
                    }
                }
                return worst;
            }
        } finally {
            owned.forEach(Tensor::close);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void outputsAndGradientsMatchPyTorchsModules(DType dtype) {
        double tolerance = dtype == DType.FLOAT32 ? 1e-5 : 1e-10;
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (String name : CASES.keySet()) {
            TorchOpConformance.Worst w = worst(name, dtype);
            report.append(String.format(java.util.Locale.ROOT, "%n  %s: %.3g at %s", name, w.error(), w.tensor()));
            ok &= w.error() <= tolerance;
        }
        System.out.println(backend().name() + " " + dtype + " against PyTorch's modules, worst scaled difference:" + report);
        assertTrue(ok, dtype + " against PyTorch (tolerance " + tolerance + "):" + report);
    }
}
