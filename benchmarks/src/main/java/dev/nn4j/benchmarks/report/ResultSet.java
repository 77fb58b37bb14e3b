package dev.nn4j.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runs of one JMH JSON file, all made with one native thread setting. The setting is
 * read from the {@code -D}{@value #THREADS_PROPERTY}{@code =N} JVM argument that the run
 * script appends (the environment variable itself is not recorded by JMH).
 */
public record ResultSet(Path file, String threads, List<JmhRun> runs) {
    /** JVM argument through which the run script records {@code OMP_NUM_THREADS}. */
    public static final String THREADS_PROPERTY = "bench.OMP_NUM_THREADS";

    /** Reads {@code file}. */
    public static ResultSet read(Path file) throws java.io.IOException {
        List<JmhRun> runs = JmhJson.read(file);
        String threads = runs.isEmpty() ? null : runs.get(0).systemProperty(THREADS_PROPERTY);
        return new ResultSet(file, threads == null || threads.isEmpty() ? "not recorded" : threads, runs);
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

    /** The run of {@code benchmark} whose parameter {@code name} is {@code value} (and {@code shape}, if given). */
    public Optional<JmhRun> find(String benchmark, String impl, String shape) {
        for (JmhRun r : of(benchmark)) {
            if (impl.equals(r.params().get("impl")) && (shape == null || shape.equals(r.params().get("shape")))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
