package dev.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The longer fuzzing run of {@link ToyJsonFuzzTest}'s target (3 minutes) documented in
 * docs/reliability.md; not part of {@code mvn verify}:
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -pl benchmarks -am test -Dtest='LongToyFuzzRun' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class LongToyFuzzRun {

    static {
        dev.nn4j.backend.Backends.setDefault("plain");
    }

    @FuzzTest(maxDuration = "3m")
    void fromJson(String json) {
        ToyJsonFuzzTest.target(json);
    }
}
