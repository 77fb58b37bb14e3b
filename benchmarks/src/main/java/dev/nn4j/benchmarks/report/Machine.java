package dev.nn4j.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine the report is generated on (the run script generates it right after the
 * run, on the same machine): CPU model from {@code /proc/cpuinfo} and the number of
 * processors the JVM sees (what {@code nproc} prints).
 */
public record Machine(String cpuModel, int processors) {

    /** This machine. The CPU model is "unknown (reason)" where {@code /proc/cpuinfo} cannot be read. */
    public static Machine current() {
        return new Machine(cpuModel(Path.of("/proc/cpuinfo")), Runtime.getRuntime().availableProcessors());
    }

    static String cpuModel(Path cpuinfo) {
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            String model = null;
            String flags = "";
            for (String line : lines) {
                if (model == null && line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (flags.isEmpty() && line.startsWith("flags")) {
                    flags = line;
                }
            }
            if (model == null) {
                return "unknown (no 'model name' in " + cpuinfo + ")";
            }
            return flags.contains("avx512f") ? model + ", AVX-512" : flags.contains("avx2") ? model + ", AVX2" : model;
        } catch (IOException e) {
            return "unknown (" + cpuinfo + ": " + e.getMessage() + ")";
        }
    }
}
