package dev.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nn4j.conformance.OtherBackend;
import dev.nn4j.io.ModelFile;
import dev.nn4j.io.ModelFiles;
import dev.nn4j.io.ModelFormatException;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fuzzes {@link ModelFile#load} and {@link ModelFile#loadGraph}: whatever the bytes, the loader
 * returns a model or throws {@link ModelFormatException}. Any other exception or error (an out-of-memory, an index out of
 * bounds, a null pointer) or a hang is a finding. Two entry points: raw bytes (truncation, bit
 * flips, wrong magic), and a fuzzed JSON header and payload framed with a correct magic,
 * version, lengths and checksum, so that the fuzzer reaches the header and architecture checks
 * behind the checksum (also as format version 2, the graph reader). Seeds: {@code src/test/resources/dev/nn4j/fuzz/ModelFileFuzzTestInputs}.
 * Regression mode (every {@code mvn verify}) replays the seeds; {@code JAZZER_FUZZ=1} fuzzes
 * (see docs/reliability.md).
 */
class ModelFileFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void rawBytes(byte[] data) {
        rawBytesTarget(data);
    }

    static void rawBytesTarget(byte[] data) {
        load(FuzzFiles.write(".nn4j", data));
    }

    /** Input: a 2-byte big-endian header length, the header, then the tensor payload. */
    @FuzzTest(maxDuration = "5s")
    void framedHeader(byte[] data) {
        framedHeaderTarget(data);
    }

    static void framedHeaderTarget(byte[] data) {
        Path file = framed(data, ModelFile.SEQUENTIAL_VERSION);
        if (file != null) {
            load(file);
        }
    }

    /** The file of {@code data} (a 2-byte header length, the header, the payload) framed as {@code version}; null when too short. */
    private static Path framed(byte[] data, int version) {
        if (data.length < 2) {
            return null;
        }
        int length = Math.min(((data[0] & 0xff) << 8) | (data[1] & 0xff), data.length - 2);
        byte[] header = Arrays.copyOfRange(data, 2, 2 + length);
        byte[] payload = Arrays.copyOfRange(data, 2 + length, data.length);
        return FuzzFiles.write(".nn4j", ModelFiles.framed(version, header, payload));
    }

    /** As {@link #framedHeader}, framed as format version 2 and read by {@link ModelFile#loadGraph}: the graph reader. */
    @FuzzTest(maxDuration = "5s")
    void framedGraphHeader(byte[] data) {
        framedGraphHeaderTarget(data);
    }

    static void framedGraphHeaderTarget(byte[] data) {
        Path file = framed(data, ModelFile.VERSION);
        if (file == null) {
            return;
        }
        try (GraphModel m = ModelFile.loadGraph(file, OtherBackend.INSTANCE, null)) {
            m.parameterCount();
        } catch (ModelFormatException expected) {
            // the documented failure
        } catch (IOException e) {
            throw new AssertionError("loadGraph threw a raw " + e, e);
        }
    }

    private static void load(Path file) {
        try (Sequential m = ModelFile.load(file, OtherBackend.INSTANCE)) {
            m.parameterCount();
        } catch (ModelFormatException expected) {
            // the documented failure
        } catch (IOException e) {
            throw new AssertionError("load threw a raw " + e, e);
        }
    }
}
