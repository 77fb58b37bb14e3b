package dev.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relaunch rule and command line; the relaunch itself runs in {@link FatJarIT}. */
class VectorModuleRelaunchTest {

    @Test
    void relaunchesOnlyWhenTheModuleIsShippedButNotLoaded() {
        assertTrue(VectorModuleRelaunch.wanted(Map.of(), null, false, true));
        assertFalse(VectorModuleRelaunch.wanted(Map.of(), null, true, true), "already has the module");
        assertFalse(VectorModuleRelaunch.wanted(Map.of(), null, false, false), "a JDK without the module");
    }

    @Test
    void theChildNeverRelaunchesAgain() {
        assertFalse(VectorModuleRelaunch.wanted(Map.of("NN4J_RELAUNCHED", "1"), null, false, true));
    }

    @Test
    void environmentOrPropertyTurnsItOff() {
        for (String off : new String[] {"0", "false", "NO", " off "}) {
            assertFalse(VectorModuleRelaunch.wanted(Map.of("NN4J_RELAUNCH", off), null, false, true), off);
            assertFalse(VectorModuleRelaunch.wanted(Map.of(), off, false, true), off);
        }
        assertTrue(VectorModuleRelaunch.wanted(Map.of("NN4J_RELAUNCH", "1"), "true", false, true));
    }

    @Test
    void commandKeepsJvmOptionsClassPathAndArgumentsButNotTheDebugger() {
        List<String> cmd = VectorModuleRelaunch.command("/jdk/bin/java",
                List.of("-Xmx1g", "-Dnn4j.backend=ejml", "-agentlib:jdwp=transport=dt_socket,address=5005"),
                "nn4j-examples.jar", "dev.nn4j.examples.Main", new String[] {"xor", "--seed", "3"});
        assertEquals(List.of("/jdk/bin/java", "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                "-Dnn4j.backend=ejml", "-cp", "nn4j-examples.jar", "dev.nn4j.examples.Main", "xor", "--seed", "3"), cmd);
    }
}
