package dev.nn4j.backend;

import dev.nn4j.tensor.Availability;
import dev.nn4j.tensor.Backend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {
    private final Backend plain = new FakeBackend("plain", 10, Availability.yes());
    private final Backend ejml = new FakeBackend("ejml", 20, Availability.yes());
    private final Backend gpu = new FakeBackend("nd4j", 30, Availability.no("no native library for linux-arm64"));
    private final List<Backend> all = List.of(gpu, ejml, plain);

    @Test
    void highestAvailablePriorityWinsWhenNothingIsSet() {
        Backends.Selection s = Backends.choose(all, null, null, null);
        assertSame(ejml, s.backend());
        assertTrue(s.why().contains("highest priority (20)"), s.why());
    }

    @Test
    void theReasonForTheDefaultRepeatsTheWinnersPriorityReason() {
        Backend fast = new FakeBackend("fast", 30, Availability.yes(), "fastest measured on a CPU");
        Backend slowNative = new FakeBackend("native", 15, Availability.yes(), "15 us per call on a CPU");
        Backends.Selection s = Backends.choose(List.of(slowNative, fast, plain), null, null, null);
        assertSame(fast, s.backend());
        assertEquals("highest priority (30) among available backends: fastest measured on a CPU", s.why());
    }

    @Test
    void anExplicitChoiceWinsOverAFasterPriorityAtEveryLevel() {
        Backend fast = new FakeBackend("fast", 30, Availability.yes(), "fastest measured on a CPU");
        Backend slowNative = new FakeBackend("native", 15, Availability.yes(), "15 us per call on a CPU");
        List<Backend> both = List.of(fast, slowNative);
        assertSame(slowNative, Backends.choose(both, "native", null, null).backend());
        assertSame(slowNative, Backends.choose(both, null, "native", null).backend());
        assertSame(slowNative, Backends.choose(both, null, null, "native").backend());
        assertEquals("environment variable NN4J_BACKEND=native", Backends.choose(both, null, null, "native").why());
    }

    @Test
    void systemPropertyOverridesPriority() {
        Backends.Selection s = Backends.choose(all, null, "plain", null);
        assertSame(plain, s.backend());
        assertEquals("system property nn4j.backend=plain", s.why());
    }

    @Test
    void environmentOverridesPriorityButNotTheProperty() {
        assertSame(plain, Backends.choose(all, null, null, "PLAIN").backend());
        assertSame(ejml, Backends.choose(all, null, "ejml", "plain").backend());
    }

    @Test
    void codeDefaultOverridesPropertyAndEnvironment() {
        assertSame(plain, Backends.choose(all, "plain", "ejml", "ejml").backend());
    }

    @Test
    void blankSettingsAreIgnored() {
        assertSame(ejml, Backends.choose(all, " ", "", "  ").backend());
    }

    @Test
    void unknownNameListsWhatIsAvailableAndWhyOthersWereSkipped() {
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class,
                () -> Backends.choose(all, null, "cuda", null));
        assertEquals("unknown backend 'cuda' (system property nn4j.backend). nn4j runs on a GPU through its nd4j"
                + " backend: add dev.nn4j:nn4j-backend-nd4j-gpu built with its -Pcuda profile (CUDA 11.6, see the"
                + " module's README) and choose the backend 'nd4j'. Available: ejml, plain."
                + " Skipped: nd4j (no native library for linux-arm64).", e.getMessage());
    }

    @Test
    void aKnownBackendWithoutItsJarNamesTheArtifactToAdd() {
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class,
                () -> Backends.choose(List.of(plain), null, "nd4j", null));
        assertTrue(e.getMessage().startsWith("unknown backend 'nd4j' (system property nn4j.backend). Its jar is not on"
                + " the class path: add dev.nn4j:nn4j-backend-nd4j-gpu (ND4J on the CPU;"), e.getMessage());
        e = assertThrows(BackendNotFoundException.class, () -> Backends.choose(List.of(plain), null, "ejml", null));
        assertTrue(e.getMessage().contains("add dev.nn4j:nn4j-backend-ejml."), e.getMessage());
        e = assertThrows(BackendNotFoundException.class, () -> Backends.choose(List.of(plain), null, "tpu", null));
        assertEquals("unknown backend 'tpu' (system property nn4j.backend). Available: plain.", e.getMessage());
    }

    @Test
    void unavailableNameSaysWhyInsteadOfFallingBack() {
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class,
                () -> Backends.choose(all, null, null, "nd4j"));
        assertTrue(e.getMessage().startsWith("backend 'nd4j' (environment variable NN4J_BACKEND) is not available:"
                + " no native library for linux-arm64."), e.getMessage());
    }

    @Test
    void noAvailableBackendIsAnErrorThatSaysWhatToAdd() {
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class,
                () -> Backends.choose(List.of(gpu), null, null, null));
        assertTrue(e.getMessage().contains("no nn4j backend is available"), e.getMessage());
        assertTrue(e.getMessage().contains("nn4j-backend-plain"), e.getMessage());
        BackendNotFoundException none = assertThrows(BackendNotFoundException.class,
                () -> Backends.choose(List.of(), null, null, null));
        assertTrue(none.getMessage().contains("META-INF/services/dev.nn4j.tensor.Backend"), none.getMessage());
    }

    @Test
    void isAvailableFollowsAvailability() {
        assertTrue(plain.isAvailable());
        assertFalse(gpu.isAvailable());
        assertThrows(IllegalArgumentException.class, () -> Availability.no(" "));
    }

    @Test
    void describeReportsJvmAndCpuEvenWithoutBackends() {
        String report = Backends.describe();
        assertTrue(report.startsWith("nn4j backends"), report);
        assertTrue(report.contains("jvm: "), report);
        assertTrue(report.contains("cpu: "), report);
    }
}
