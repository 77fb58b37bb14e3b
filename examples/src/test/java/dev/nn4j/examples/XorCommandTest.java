package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn4j.backend.Backends;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class XorCommandTest {
    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
        Backends.setDefault(null);
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = Main.run(args);
        System.setOut(stdout);
        System.setErr(stderr);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }

    @Test
    void learnsXorAndPrintsTheTruthTable() {
        Result r = run("xor", "--seed", "1");
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("  a  b | target | output"), r.out);
        assertTrue(r.out.contains("  1  0 |   1    | 0.9"), r.out);
        assertTrue(r.out.contains("Learned after 27,000 steps"), r.out);
        assertTrue(r.out.contains("on plain"), r.out);
    }

    @Test
    void exitsWithOneWhenItDidNotLearn() {
        Result r = run("xor", "--max-steps", "1000");
        assertEquals(1, r.code, r.out);
        assertTrue(r.out.contains("NOT learned after 1,000 steps"), r.out);
    }

    @Test
    void sameSeedSameResultOnEveryBackend() {
        String plain = run("xor", "--backend", "plain", "--max-steps", "3000").out;
        String ejml = run("xor", "--backend", "ejml", "--max-steps", "3000").out;
        assertEquals(table(plain), table(ejml));
    }

    private static String table(String out) {
        return out.substring(out.indexOf("  a  b"), out.indexOf("NOT learned"));
    }

    @Test
    void unknownBackendIsAUsageErrorListingTheAvailableOnes() {
        Result r = run("xor", "--backend", "cuda");
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("error: unknown backend 'cuda' (requested by name). Available: "), r.err);
        assertTrue(r.err.contains("plain"), r.err);
    }

    @Test
    void backendsCommandListsEveryBackend() {
        Result r = run("backends");
        assertEquals(0, r.code);
        for (String name : new String[] {"plain", "ejml", "nd4j"}) {
            assertTrue(r.out.contains("  " + name + " "), r.out);
        }
        assertTrue(r.out.contains("default: plain (highest priority (30) among available backends: fastest on a CPU"), r.out);
    }
}
