package dev.nn4j.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs made with one native thread setting, from one or more JMH JSON files ({@code sources}
 * names them). The setting is read from the {@code -D}{@value #THREADS_PROPERTY}{@code =N}
 * JVM argument that the run script appends (JMH does not record environment variables).
 */
public record ResultSet(String sources, String threads, List<JmhRun> runs) {
    /** JVM argument through which the run script records {@code OMP_NUM_THREADS}. */
    public static final String THREADS_PROPERTY = "bench.OMP_NUM_THREADS";

    /** Reads {@code file}. */
    public static ResultSet read(Path file) throws java.io.IOException {
        List<JmhRun> runs = JmhJson.read(file);
        String threads = runs.isEmpty() ? null : runs.get(0).systemProperty(THREADS_PROPERTY);
        return new ResultSet(String.valueOf(file.getFileName()),
                threads == null || threads.isEmpty() ? "not recorded" : threads, runs);
    }

    /** {@code sets} with the runs of equal thread settings joined, in order of first appearance. */
    public static List<ResultSet> mergeByThreads(List<ResultSet> sets) {
        Map<String, ResultSet> byThreads = new LinkedHashMap<>();
        for (ResultSet s : sets) {
            byThreads.merge(s.threads(), s, (a, b) -> {
                List<JmhRun> runs = new ArrayList<>(a.runs());
                runs.addAll(b.runs());
                return new ResultSet(a.sources() + ", " + b.sources(), a.threads(), runs);
            });
        }
        return new ArrayList<>(byThreads.values());
    }

    /** E.g. {@code OMP_NUM_THREADS=1}. */
    public String label() {
        return "OMP_NUM_THREADS=" + threads;
    }

    /** The runs of {@code benchmark} (simple class name), in file order. */
    public List<JmhRun> of(String benchmark) {
        List<JmhRun> out = new ArrayList<>();
        for (JmhRun r : runs) {
            if (r.benchmark().equals(benchmark)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The run of {@code benchmark} with parameter {@code impl} (and {@code shape}, unless null). */
    public Optional<JmhRun> find(String benchmark, String impl, String shape) {
        for (JmhRun r : of(benchmark)) {
            if (impl.equals(r.params().get("impl")) && (shape == null || shape.equals(r.params().get("shape")))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
