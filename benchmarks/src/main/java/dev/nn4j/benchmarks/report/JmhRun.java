package dev.nn4j.benchmarks.report;

import java.util.List;
import java.util.Map;

/**
 * One row of JMH's JSON result: a benchmark method with one set of parameters, its score
 * (time per operation in {@code unit}) and the 99.9% half-width {@code error} (NaN when JMH
 * had too few iterations to compute one), and how it was measured.
 *
 * @param benchmark   simple class name, e.g. {@code MatmulBenchmark}
 * @param method      benchmark method, e.g. {@code gemm}
 * @param params      JMH parameters, e.g. {@code impl=nd4j, shape=64x64*64x64}
 * @param jvmArgs     the fork's JVM arguments, including those appended on the command line
 */
public record JmhRun(String benchmark, String method, Map<String, String> params, double score, double error,
        String unit, int forks, String warmup, String measurement, String jdkVersion, String vmName,
        List<String> jvmArgs) {

    /** The parameter {@code name}; throws naming the benchmark if it is missing. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("report: " + benchmark + "." + method + " has no parameter '" + name
                    + "', only " + params.keySet());
        }
        return v;
    }

    /** Seconds per operation (the score converted from {@code unit}). */
    public double seconds() {
        return score * secondsPerUnit();
    }

    /** The error in seconds per operation; NaN when JMH reported none. */
    public double errorSeconds() {
        return error * secondsPerUnit();
    }

    private double secondsPerUnit() {
        return switch (unit) {
            case "s/op" -> 1.0;
            case "ms/op" -> 1e-3;
            case "us/op" -> 1e-6;
            case "ns/op" -> 1e-9;
            default -> throw new IllegalArgumentException("report: " + benchmark + "." + method + " has score unit '"
                    + unit + "'; only time per operation (s/op, ms/op, us/op, ns/op) is supported");
        };
    }

    /** The value of {@code -Dname=value} among the JVM arguments, or null. */
    public String systemProperty(String name) {
        String prefix = "-D" + name + "=";
        for (String arg : jvmArgs) {
            if (arg.startsWith(prefix)) {
                return arg.substring(prefix.length());
            }
        }
        return null;
    }
}
