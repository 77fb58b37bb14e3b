package dev.nn4j.conformance;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.autodiff.Arena;
import dev.nn4j.autodiff.F;
import dev.nn4j.autodiff.Grads;
import dev.nn4j.autodiff.Plan;
import dev.nn4j.autodiff.Recorder;
import dev.nn4j.autodiff.Var;
import dev.nn4j.tensor.DType;
import dev.nn4j.tensor.Shape;
import dev.nn4j.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sequence-model ops (embedding, layer norm, GELU, permute, transpose, mean, masked fill,
 * masked softmax and the token-level cross-entropy with an ignore index) against what PyTorch 1.13
 * computed: outputs, and the gradients of
 * {@code Σ w ⊙ out} with fixed weights {@code w} with respect to every floating input that is
 * not a mask. The fixture {@code dev/nn4j/autodiff/torch/sequence_ops.txt} and the script that
 * wrote it ({@code make_fixtures.py}, whose docstring gives the command and the format) sit in
 * core's test resources. PyTorch computed in float64 from float32-representable inputs; nn4j
 * runs each case in FLOAT32 and FLOAT64 from the same numbers, and each result's worst
 * difference, divided by the largest magnitude PyTorch's tensor holds, must stay within
 * {@code 1e-5} (FLOAT32) or {@code 1e-10} (FLOAT64).
 */
public abstract class TorchOpConformance extends ConformanceSupport {
    static final String FIXTURE = "/dev/nn4j/autodiff/torch/sequence_ops.txt";

    /** One tensor of the fixture: {@code f}, {@code i32} or {@code i64}, its shape and its values. */
    record Entry(String type, Shape shape, double[] values) {
    }

    /** A case: its inputs in the order the graph takes them, and the graph over them. */
    record Case(List<String> inputs, Function<List<Var>, Var> graph) {
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("embedding_padding", new Case(List.of("table", "ids"), v -> F.embedding(v.get(0), v.get(1), 2)));
        CASES.put("embedding", new Case(List.of("table", "ids"), v -> F.embedding(v.get(0), v.get(1))));
        CASES.put("layer_norm_affine", new Case(List.of("x", "gamma", "beta"),
                v -> F.layerNorm(v.get(0), v.get(1), v.get(2), 2, 1e-5)));
        CASES.put("layer_norm_plain", new Case(List.of("x"), v -> F.layerNorm(v.get(0), null, null, 1, 1e-3)));
        CASES.put("layer_norm_gamma", new Case(List.of("x", "gamma"), v -> F.layerNorm(v.get(0), v.get(1), null, 1, 1e-5)));
        CASES.put("gelu_exact", new Case(List.of("x"), v -> F.gelu(v.get(0), false)));
        CASES.put("gelu_tanh", new Case(List.of("x"), v -> F.gelu(v.get(0), true)));
        CASES.put("permute", new Case(List.of("x"), v -> F.permute(v.get(0), 2, 0, 3, 1)));
        CASES.put("transpose", new Case(List.of("x"), v -> F.transpose(v.get(0), 0, 2)));
        CASES.put("mean", new Case(List.of("x"), v -> F.mean(v.get(0), new int[] {0, 2}, false)));
        CASES.put("mean_keep", new Case(List.of("x"), v -> F.mean(v.get(0), new int[] {-1}, true)));
        CASES.put("causal_softmax", new Case(List.of("x", "mask"),
                v -> F.softmax(F.maskedFill(v.get(0), v.get(1), Double.NEGATIVE_INFINITY), -1, false)));
        CASES.put("masked_fill", new Case(List.of("x", "mask"), v -> F.maskedFill(v.get(0), v.get(1), -1.5)));
        CASES.put("masked_softmax", new Case(List.of("x", "mask"), v -> F.maskedSoftmax(v.get(0), v.get(1), -1)));
        CASES.put("token_ce", new Case(List.of("logits", "ids"),
                v -> F.cast(F.tokenCrossEntropy(v.get(0), v.get(1), -100), v.get(0).dtype())));
        CASES.put("token_ce_ignore", new Case(List.of("logits", "ids"),
                v -> F.cast(F.tokenCrossEntropy(v.get(0), v.get(1), 1), v.get(0).dtype())));
        CASES.put("token_ce_ignore_negative", new Case(List.of("logits", "ids"),
                v -> F.cast(F.tokenCrossEntropy(v.get(0), v.get(1), -100), v.get(0).dtype())));
    }

    private static Map<String, Entry> fixture;

    /** The fixture's tensors by {@code case.name}, read once. */
    static synchronized Map<String, Entry> fixture() {
        if (fixture == null) {
            try (InputStream in = TorchOpConformance.class.getResourceAsStream(FIXTURE)) {
                assertNotNull(in, FIXTURE + " is missing");
                fixture = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fixture;
    }

    /** Lines of {@code <name> <type> <dims> <values...>}; dims comma-separated, {@code -} for rank 0. */
    static Map<String, Entry> parse(String text) {
        Map<String, Entry> entries = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.trim().split(" ");
            int[] dims = cells[2].equals("-") ? new int[0]
                    : java.util.Arrays.stream(cells[2].split(",")).mapToInt(Integer::parseInt).toArray();
            double[] values = new double[cells.length - 3];
            for (int i = 0; i < values.length; i++) {
                values[i] = Double.parseDouble(cells[i + 3]);
            }
            Shape shape = Shape.of(dims);
            if (shape.size() != values.length) {
                throw new IllegalStateException(FIXTURE + ": " + cells[0] + " has " + values.length + " values for " + shape);
            }
            entries.put(cells[0], new Entry(cells[1], shape, values));
        }
        return entries;
    }

    private static Entry entry(String key) {
        Entry e = fixture().get(key);
        assertNotNull(e, FIXTURE + " has no " + key);
        return e;
    }

    private static DType dtypeOf(Entry e, DType floating) {
        return switch (e.type()) {
            case "i32" -> DType.INT32;
            case "i64" -> DType.INT64;
            default -> floating;
        };
    }

    private Tensor tensorOf(Entry e, DType floating) {
        return tensor(dtypeOf(e, floating), e.values(), e.shape().dims());
    }

    /**
     * Runs case {@code name} in {@code dtype} and returns the worst difference of its output and
     * gradients from PyTorch's, each relative to the largest magnitude of PyTorch's tensor, with
     * the tensor it was found in.
     */
    Worst worst(String name, DType dtype) {
        Case c = CASES.get(name);
        List<Tensor> owned = new ArrayList<>();
        try {
            Recorder r = new Recorder();
            List<Var> vars = new ArrayList<>();
            for (String input : c.inputs()) {
                Entry e = entry(name + "." + input);
                boolean grad = fixture().containsKey(name + ".grad." + input);
                vars.add(r.input(input, e.shape(), dtypeOf(e, dtype), grad));
            }
            Var out = c.graph().apply(vars);
            Tensor w = tensorOf(entry(name + ".w"), dtype);
            owned.add(w);
            int[] all = new int[out.rank()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            Var loss = F.sum(F.mul(out, r.constant(w)), all, false);
            Grads g = r.backward(loss);
            List<Var> outputs = new ArrayList<>(List.of(out));
            List<String> names = new ArrayList<>(List.of("out"));
            for (int i = 0; i < vars.size(); i++) {
                if (vars.get(i).requiresGrad()) {
                    outputs.add(g.of(vars.get(i)) != null ? g.of(vars.get(i)) : F.zerosLike(vars.get(i)));
                    names.add("grad." + c.inputs().get(i));
                }
            }
            Plan plan = r.plan(outputs, null);
            try (Arena arena = plan.newArena(backend())) {
                for (int i = 0; i < vars.size(); i++) {
                    Tensor t = tensorOf(entry(name + "." + c.inputs().get(i)), dtype);
                    owned.add(t);
                    arena.bind(vars.get(i), t);
                }
                arena.run();
                Worst worst = new Worst(name, "-", 0);
                for (int i = 0; i < outputs.size(); i++) {
                    Entry expected = entry(name + "." + names.get(i));
                    Tensor got = arena.get(outputs.get(i));
                    assertTrue(got.shape().equals(expected.shape()), name + "." + names.get(i) + ": shape " + got.shape()
                            + ", PyTorch's " + expected.shape());
                    double error = scaledError(got.toDoubleArray(), expected.values());
                    if (!(error <= worst.error())) {
                        worst = new Worst(name, names.get(i), error);
                    }
                }
                return worst;
            }
        } finally {
            owned.forEach(Tensor::close);
        }
    }

    /** The worst difference found in one case: which tensor ({@code out} or {@code grad.<input>}) and how large. */
    record Worst(String name, String tensor, double error) {
    }

    /** {@code max |got − expected| / max(|expected|)}, infinite where a NaN appears on either side alone. */
    static double scaledError(double[] got, double[] expected) {
        double largest = 0;
        for (double e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            double d = Math.abs(got[i] - expected[i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, d);
        }
        return largest == 0 ? worst : worst / largest;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void outputsAndGradientsMatchPyTorch(DType dtype) {
        double tolerance = dtype == DType.FLOAT32 ? 1e-5 : 1e-10;
        for (String name : CASES.keySet()) {
            Worst w = worst(name, dtype);
            assertTrue(w.error() <= tolerance, name + " " + dtype + ": " + w.tensor() + " differs from PyTorch by "
                    + w.error() + " of its largest magnitude (tolerance " + tolerance + ")");
        }
    }
}
