package dev.nn4j.benchmarks.report;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The results of {@code benchmarks/pytorch_peer.py}: per workload ({@code mlp}, {@code xor},
 * {@code lenet}, {@code fashion-cnn}) the median seconds per training step for each thread
 * count and the best of them, with the machine, the PyTorch version and the command.
 */
record PytorchPeer(String source, String torchVersion, String cpu, String command, String generated,
                   Map<String, Workload> workloads) {

    /** One workload: the best thread count, its seconds per step, and every thread count's median. */
    record Workload(String description, int bestThreads, double bestSeconds, Map<Integer, Double> medianSeconds) {
        /** E.g. {@code "1 thread: 3.2 ms, 2 threads: 9.6 ms"}. */
        String perThreads() {
            StringBuilder sb = new StringBuilder();
            medianSeconds.forEach((t, s) -> sb.append(sb.length() == 0 ? "" : ", ").append(t)
                    .append(t == 1 ? " thread: " : " threads: ").append(Cells.seconds(s)));
            return sb.toString();
        }
    }

    /** The workload the JMH benchmark is compared with, if the script measured it. */
    Optional<Workload> workload(String name) {
        return Optional.ofNullable(workloads.get(name));
    }

    /** Reads the JSON the script writes; a malformed file is an {@link IOException} naming it. */
    static PytorchPeer read(Path file) throws IOException {
        Map<String, Object> o = JSON.std.mapFrom(Files.readString(file));
        try {
            Map<String, Object> machine = map(o.get("machine"));
            Map<String, Workload> workloads = new LinkedHashMap<>();
            map(o.get("workloads")).forEach((name, value) -> {
                Map<String, Object> w = map(value);
                Map<Integer, Double> medians = new LinkedHashMap<>();
                map(w.get("threads")).forEach((t, r) -> medians.put(Integer.parseInt(t),
                        ((Number) map(r).get("median_s")).doubleValue()));
                workloads.put(name, new Workload(String.valueOf(w.get("description")),
                        ((Number) w.get("best_threads")).intValue(), ((Number) w.get("best_s")).doubleValue(), medians));
            });
            return new PytorchPeer(String.valueOf(file.getFileName()), String.valueOf(o.get("torch_version")),
                    machine.get("cpu") + " (" + machine.get("vector") + ", " + machine.get("nproc") + " processors)",
                    String.valueOf(o.get("command")), String.valueOf(o.get("generated_utc")), workloads);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not the JSON of benchmarks/pytorch_peer.py (" + e + ")", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("expected an object, found " + o);
        }
        return (Map<String, Object>) o;
    }
}
