package dev.nn4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The longer fuzzing run documented in docs/reliability.md: the targets of
 * {@link ModelFileFuzzTest}, {@link IdxReaderFuzzTest} and {@link CsvReaderFuzzTest} for 3
 * minutes each. Not picked up by {@code mvn verify} (the class name is not a test name); run one
 * target per JVM:
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -pl core test -Dtest='LongFuzzRun#modelFileRawBytes' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class LongFuzzRun {

    @FuzzTest(maxDuration = "3m")
    void modelFileRawBytes(byte[] data) {
        ModelFileFuzzTest.rawBytesTarget(data);
    }

    @FuzzTest(maxDuration = "3m")
    void modelFileFramedHeader(byte[] data) {
        ModelFileFuzzTest.framedHeaderTarget(data);
    }

    @FuzzTest(maxDuration = "3m")
    void modelFileGraphHeader(byte[] data) {
        ModelFileFuzzTest.framedGraphHeaderTarget(data);
    }

    @FuzzTest(maxDuration = "3m")
    void idx(FuzzedDataProvider data) {
        IdxReaderFuzzTest.target(data);
    }

    @FuzzTest(maxDuration = "3m")
    void csv(FuzzedDataProvider data) {
        CsvReaderFuzzTest.target(data);
    }
}
