package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the shaded {@code nn4j-examples.jar} in a new JVM, the way users do: every backend must
 * be found inside the fat jar (merged {@code META-INF/services}), and the property and the
 * environment variable must choose among them.
 */
class FatJarIT {
    private static final Path JAR = Path.of("target", "nn4j-examples.jar");

    private record Run(int code, String output) {
    }

    private static Run java(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR + " must be built by the package phase");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : args) {
            if (a.startsWith("-D")) {
                cmd.add(a);
            }
        }
        cmd.add("-jar");
        cmd.add(JAR.toString());
        for (String a : args) {
            if (!a.startsWith("-D")) {
                cmd.add(a);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("NN4J_BACKEND");
        pb.environment().remove("NN4J_RELAUNCH");
        pb.environment().remove("NN4J_RELAUNCHED");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Run(p.exitValue(), out);
    }

    @Test
    void theFatJarFindsAllThreeBackends() throws Exception {
        Run r = java(Map.of(), "backends");
        assertEquals(0, r.code, r.output);
        for (String name : new String[] {"plain", "ejml", "nd4j"}) {
            assertTrue(r.output.matches("(?s).*\\n  " + name + " +priority +\\d+  available\\n.*"), r.output);
        }
        assertTrue(r.output.contains("default: plain (highest priority (30) among available backends: fastest on a CPU"), r.output);
    }

    @Test
    void environmentAndPropertyChooseTheBackend() throws Exception {
        Run env = java(Map.of("NN4J_BACKEND", "ejml"), "backends");
        assertTrue(env.output.contains("default: ejml (environment variable NN4J_BACKEND=ejml)"), env.output);
        Run prop = java(Map.of("NN4J_BACKEND", "ejml"), "-Dnn4j.backend=plain", "backends");
        assertTrue(prop.output.contains("default: plain (system property nn4j.backend=plain)"), prop.output);
        Run xor = java(Map.of("NN4J_BACKEND", "ejml"), "xor");
        assertEquals(0, xor.code, xor.output);
        assertTrue(xor.output.contains("on ejml"), xor.output);
    }

    @Test
    void withoutTheFlagTheJarRestartsWithTheVectorModuleAndKeepsTheExitCode() throws Exception {
        Run r = java(Map.of(), "-Dnn4j.backend=ejml", "backends");
        assertEquals(0, r.code, r.output);
        assertTrue(r.output.contains("gemm: vector-"), r.output);
        assertTrue(r.output.contains("default: ejml (system property nn4j.backend=ejml)"), "properties reach the child: "
                + r.output);
        Run off = java(Map.of("NN4J_RELAUNCH", "0"), "backends");
        assertTrue(off.output.contains("gemm: scalar"), off.output);
        Run failing = java(Map.of(), "xor", "--max-steps", "1", "--tolerance", "0");
        assertEquals(1, failing.code, "the child's exit code: " + failing.output);
    }

    @Test
    void unknownBackendFailsWithTheList() throws Exception {
        Run r = java(Map.of(), "-Dnn4j.backend=tpu", "backends");
        assertTrue(r.output.contains("default: none: unknown backend 'tpu' (system property nn4j.backend). "
                + "Available: plain, ejml, nd4j."), r.output);
        Run xor = java(Map.of(), "xor", "--backend", "tpu");
        assertEquals(2, xor.code, xor.output);
    }
}
