package dev.nn4j.benchmarks.report;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the file JMH writes with {@code -rf json}: an array with one object per benchmark
 * and parameter set. JMH writes non-finite numbers as strings ({@code "NaN"}); they are read
 * back as doubles.
 */
public final class JmhJson {
    private JmhJson() {
    }

    /** Every run in {@code file}, in file order. */
    public static List<JmhRun> read(Path file) throws IOException {
        List<Object> rows = JSON.std.listFrom(Files.readString(file));
        List<JmhRun> runs = new ArrayList<>();
        for (Object row : rows) {
            runs.add(parse(file, asMap(file, row)));
        }
        return runs;
    }

    private static JmhRun parse(Path file, Map<String, Object> o) {
        String full = string(file, o, "benchmark");
        int dot = full.lastIndexOf('.');
        String className = full.substring(0, dot);
        Map<String, String> params = new LinkedHashMap<>();
        Object p = o.get("params");
        if (p != null) {
            asMap(file, p).forEach((k, v) -> params.put(k, String.valueOf(v)));
        }
        Map<String, Object> primary = asMap(file, o.get("primaryMetric"));
        List<String> jvmArgs = new ArrayList<>();
        if (o.get("jvmArgs") instanceof List<?> list) {
            list.forEach(a -> jvmArgs.add(String.valueOf(a)));
        }
        return new JmhRun(className.substring(className.lastIndexOf('.') + 1), full.substring(dot + 1), params,
                number(file, primary, "score"), number(file, primary, "scoreError"), string(file, primary, "scoreUnit"),
                (int) number(file, o, "forks"),
                o.get("warmupIterations") + " x " + o.get("warmupTime"),
                o.get("measurementIterations") + " x " + o.get("measurementTime"),
                String.valueOf(o.get("jdkVersion")), o.get("vmName") + " " + o.get("vmVersion"), jvmArgs);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Path file, Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("report: " + file + " is not JMH JSON output (expected an object, got "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
        }
        return (Map<String, Object>) o;
    }

    private static String string(Path file, Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("report: " + file + ": an entry has no '" + key + "'");
        }
        return String.valueOf(v);
    }

    private static double number(Path file, Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("report: " + file + ": '" + key + "' is '" + s + "', not a number", e);
            }
        }
        throw new IllegalArgumentException("report: " + file + ": an entry has no number '" + key + "'");
    }
}
