package dev.nn4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nn4j.data.IdxReader;
import dev.nn4j.data.MalformedDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzes {@link IdxReader}: any bytes, raw or gzip-compressed, read as images or labels, give
 * data or {@link MalformedDataException}; anything else, an out-of-memory or a hang is a finding.
 */
class IdxReaderFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void readIdx(FuzzedDataProvider data) {
        target(data);
    }

    static void target(FuzzedDataProvider data) {
        boolean images = data.consumeBoolean();
        boolean gzip = data.consumeBoolean();
        byte[] body = data.consumeRemainingAsBytes();
        Path file = FuzzFiles.write(".idx", gzip ? gzip(body) : body);
        try {
            if (images) {
                IdxReader.readImages(file, true);
            } else {
                IdxReader.readLabels(file);
            }
        } catch (MalformedDataException expected) {
            // the documented failure
        } catch (IOException e) {
            throw new AssertionError("IdxReader threw a raw " + e, e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
