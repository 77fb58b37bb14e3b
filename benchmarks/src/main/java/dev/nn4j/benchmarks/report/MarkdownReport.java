package dev.nn4j.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes docs/benchmarks.md from one or more {@link ResultSet}s (one per native thread
 * setting): the machine and settings, then per set the matrix products (time, GFLOP/s,
 * speed relative to raw ND4J), the MLP training step (time, samples/s, speed relative to
 * DL4J and PyTorch), the XOR step and the CNN steps (the same columns).
 */
final class MarkdownReport {
    private final StringBuilder md = new StringBuilder();

    private final Optional<PytorchPeer> pytorch;

    private MarkdownReport(Optional<PytorchPeer> pytorch) {
        this.pytorch = pytorch;
    }

    /** Everything the header states besides the results. */
    record Header(Machine machine, String command, String generated, String note, String chartFile, String jar,
                  String notes) {
    }

    /** The whole document, without a PyTorch peer. */
    static String render(Header h, List<ResultSet> sets) {
        return render(h, sets, Optional.empty());
    }

    /** The whole document; PyTorch's best thread setting is shown beside each training step it measured. */
    static String render(Header h, List<ResultSet> sets, Optional<PytorchPeer> pytorch) {
        MarkdownReport r = new MarkdownReport(pytorch);
        r.header(h, sets);
        for (ResultSet set : sets) {
            r.matmul(set);
            r.steps(set, set.of(Suite.TRAIN), Suite.PYTORCH_MLP, "MLP 784-256-128-10 training step, batch " + Suite.BATCH,
                    "One step = forward, softmax cross-entropy, backward, Adam update on a fixed batch of "
                            + Suite.BATCH + " (float32).", "samples/s", Suite.BATCH);
            r.steps(set, set.of(Suite.XOR), Suite.PYTORCH_XOR, "XOR 2-4-1 single-sample training step",
                    "One step = forward, squared error, backward, SGD update (learning rate 0.1) on one sample, "
                            + "cycling through the four XOR samples; per-call overhead dominates.", "steps/s", 1);
            for (String net : Suite.CNN_NETS) {
                r.steps(set, Suite.cnnRuns(set, net), net, Suite.cnnTitle(net) + " training step, batch "
                        + Suite.CNN_BATCH, "One step = forward, softmax cross-entropy, backward, Adam update on a "
                        + "fixed batch of " + Suite.CNN_BATCH + " 1x28x28 images (float32).", "samples/s",
                        Suite.CNN_BATCH);
            }
        }
        return r.md.toString();
    }

    private void header(Header h, List<ResultSet> sets) {
        line("# nn4j benchmarks");
        line("");
        if (h.note() != null && !h.note().isBlank()) {
            line("> **" + h.note().trim() + "**");
            line("");
        }
        line("Generated from JMH's JSON output by `dev.nn4j.benchmarks.report.ReportGenerator`. "
                + "Times are JMH averages per call with their 99.9% confidence half-width (\"± n/a\" when too few "
                + "iterations ran to compute one). Higher rates and ratios are better.");
        line("");
        line("![benchmark chart](" + h.chartFile() + ")");
        line("");
        line("## Machine and settings");
        line("");
        line("| | |");
        line("|---|---|");
        line("| CPU | " + h.machine().cpuModel() + " |");
        line("| processors (nproc) | " + h.machine().processors() + " |");
        JmhRun any = sets.stream().flatMap(s -> s.runs().stream()).findFirst().orElse(null);
        if (any != null) {
            line("| JVM | " + any.jdkVersion() + ", " + any.vmName() + " |");
            line("| fork JVM arguments | `" + String.join(" ", any.jvmArgs()) + "` (first benchmark) |");
        }
        List<String> labels = new ArrayList<>();
        for (ResultSet s : sets) {
            labels.add("`" + s.label() + "` (" + s.sources() + ", " + s.runs().size() + " runs)");
        }
        line("| native threads (ND4J, OpenBLAS, DL4J) | " + String.join("; ", labels) + " |");
        line("| Java threads | one benchmark thread; the plain backend's gemm splits products of 128³ "
                + "multiply-adds and more across all processors (its own pool, not OMP_NUM_THREADS); `raw-ejml-mt` "
                + "and the EJML backend's products from 2·10⁶ multiply-adds use EJML's concurrent operations on all "
                + "processors. Compare plain with the OMP_NUM_THREADS=2 rows for equal thread counts. |");
        line("| benchmarks jar | " + h.jar() + " |");
        pytorch.ifPresent(p -> line("| PyTorch peer | PyTorch " + p.torchVersion() + " on " + p.cpu() + ", `"
                + p.command() + "`, " + p.generated() + " (" + p.source() + ") |"));
        line("| generated | " + h.generated() + " |");
        line("| command | `" + h.command() + "` |");
        line("");
        if (h.notes() != null && !h.notes().isBlank()) {
            md.append(h.notes().strip()).append("\n\n");
        }
        line("## What is compared");
        line("");
        line("- `plain`, `ejml`, `nd4j`: nn4j's backends through nn4j's public API (`Ops.gemm` into a preallocated "
                + "C, `Sequential.trainStep` on tensors prepared once).");
        line("- `raw-nd4j` (`Nd4j.gemm`), `raw-ejml` (`CommonOps_FDRM`) and `raw-ejml-mt` (`CommonOps_MT_FDRM`): the "
                + "libraries called directly into a preallocated C, with nothing of nn4j in between.");
        line("- `dl4j`: DL4J's `MultiLayerNetwork.fit(DataSet)` on the same layers, loss, optimizer, weight "
                + "initialisation and data, in float32.");
        line("- `pytorch`: `benchmarks/pytorch_peer.py`, the same networks, data sizes and optimizers in PyTorch on "
                + "the CPU (float32, training mode), timed for 1 and 2 threads; its best thread count is shown.");
        line("- XOR on nn4j is the Toy facade, `new NeuralNetwork(2, 4, 1, seed).train(double[], double[])`, on each "
                + "backend (set with `Backends.setDefault`); each call copies the sample into the facade's tensors.");
        line("- Before timing, every product is checked against a double-precision reference at 16 random "
                + "entries, and every training benchmark checks that its first three losses are finite.");
        line("- Each JMH fork runs one implementation on one shape. JMH cannot set environment variables per fork, "
                + "so `benchmarks/run.sh` exports `OMP_NUM_THREADS` for a whole pass and records it as "
                + "`-D" + ResultSet.THREADS_PROPERTY + "`.");
        line("");
        howMeasured(sets);
    }

    private void howMeasured(List<ResultSet> sets) {
        Map<String, JmhRun> firstOfClass = new LinkedHashMap<>();
        for (ResultSet s : sets) {
            for (JmhRun r : s.runs()) {
                firstOfClass.putIfAbsent(r.benchmark() + "." + r.method(), r);
            }
        }
        line("Iterations (count x time) of each benchmark:");
        line("");
        line("| benchmark | forks | warmup | measurement |");
        line("|---|---|---|---|");
        firstOfClass.forEach((name, r) -> line("| " + name + " | " + r.forks() + " | " + r.warmup() + " | "
                + r.measurement() + " |"));
        line("");
    }

    private void matmul(ResultSet set) {
        List<JmhRun> runs = Suite.matmulRuns(set);
        if (runs.isEmpty()) {
            return;
        }
        List<String> impls = Suite.values(runs, "impl");
        List<String> shapes = Suite.values(runs, "shape");
        line("## Matrix products, float32 (" + set.label() + ")");
        line("");
        line("`C = op(A)·op(B)` into a preallocated C. Shapes are the stored A and B, `T` marks an operand used "
                + "transposed; m·k·n gives the product's size, GFLOP/s = 2·m·k·n / time. `plain`, `ejml`, `nd4j` "
                + "go through nn4j's `Ops.gemm`; `raw-*` call the library directly.");
        line("");
        tableHead("shape", "m·k·n", impls);
        for (String shape : shapes) {
            StringBuilder row = new StringBuilder("| `" + shape + "` | " + Suite.mkn(shape) + " |");
            for (String impl : impls) {
                Optional<JmhRun> r = Suite.matmul(set, impl, shape);
                row.append(' ').append(r.map(x -> Cells.time(x) + " (" + Cells.sig(Suite.gflops(x)) + " GFLOP/s)")
                        .orElse("not run")).append(" |");
            }
            line(row.toString());
        }
        line("");
        if (!impls.contains(Suite.RAW_ND4J)) {
            return;
        }
        line("Speed relative to raw ND4J (time of `raw-nd4j` / time of the implementation; 1× = as fast):");
        line("");
        List<String> others = new ArrayList<>(impls);
        others.remove(Suite.RAW_ND4J);
        tableHead("shape", "m·k·n", others);
        for (String shape : shapes) {
            Optional<JmhRun> ref = Suite.matmul(set, Suite.RAW_ND4J, shape);
            StringBuilder row = new StringBuilder("| `" + shape + "` | " + Suite.mkn(shape) + " |");
            for (String impl : others) {
                Optional<JmhRun> r = Suite.matmul(set, impl, shape);
                row.append(' ').append(ref.isPresent() && r.isPresent()
                        ? Cells.ratio(ref.get().seconds() / r.get().seconds()) : "n/a").append(" |");
            }
            line(row.toString());
        }
        line("");
    }

    private void steps(ResultSet set, List<JmhRun> runs, String pytorchWorkload, String title, String what,
                       String rateName, int perStep) {
        if (runs.isEmpty()) {
            return;
        }
        Optional<JmhRun> peer = runs.stream().filter(r -> Suite.DL4J.equals(r.param("impl"))).findFirst();
        Optional<PytorchPeer.Workload> torch = pytorch.flatMap(p -> p.workload(pytorchWorkload));
        line("## " + title + " (" + set.label() + ")");
        line("");
        line(what + " Speed relative to a peer = the peer's time / the implementation's time.");
        line("");
        line("| implementation | time per step | " + rateName + " | vs DL4J |" + (torch.isPresent() ? " vs PyTorch |" : ""));
        line("|---|---|---|---|" + (torch.isPresent() ? "---|" : ""));
        for (JmhRun r : runs) {
            String vs = peer.map(p -> Cells.ratio(p.seconds() / r.seconds())).orElse("n/a");
            line("| " + r.param("impl") + " | " + Cells.time(r) + " | " + Cells.rate(perStep / r.seconds()) + " | "
                    + vs + " |" + torch.map(t -> " " + Cells.ratio(t.bestSeconds() / r.seconds()) + " |").orElse(""));
        }
        torch.ifPresent(t -> line("| pytorch, " + t.bestThreads() + (t.bestThreads() == 1 ? " thread" : " threads")
                + " (best; " + t.perThreads() + ") | " + Cells.seconds(t.bestSeconds()) + " | "
                + Cells.rate(perStep / t.bestSeconds()) + " | "
                + peer.map(p -> Cells.ratio(p.seconds() / t.bestSeconds())).orElse("n/a") + " | 1.00× |"));
        line("");
    }

    private void tableHead(String first, String second, List<String> columns) {
        StringBuilder head = new StringBuilder("| " + first + " | " + second + " |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String c : columns) {
            head.append(' ').append(c).append(" |");
            rule.append("---|");
        }
        line(head.toString());
        line(rule.toString());
    }

    private void line(String s) {
        md.append(s).append('\n');
    }
}
