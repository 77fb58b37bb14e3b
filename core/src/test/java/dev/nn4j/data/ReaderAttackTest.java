package dev.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every truncation and every header bit flip of an IDX file (raw and gzip), and bytes that are
 * not UTF-8 in a CSV file: each gives {@link MalformedDataException} naming the file. Rows of
 * docs/reliability.md.
 */
class ReaderAttackTest {

    @TempDir
    Path dir;

    private static byte[] images() {
        byte[] pixels = new byte[3 * 4 * 5];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        return IdxFiles.images(3, 4, 5, pixels);
    }

    private MalformedDataException readFails(byte[] bytes, boolean gzip) throws IOException {
        Path file = IdxFiles.write(dir, "bad-images", bytes, gzip);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(file, true));
        assertEquals(file, e.file());
        return e;
    }

    @Test
    void everyTruncationOfAnIdxFileIsRejectedRawAndCompressed() throws IOException {
        byte[] full = images();
        for (int n = 0; n < full.length; n++) {
            readFails(Arrays.copyOf(full, n), false);
            readFails(Arrays.copyOf(full, n), true);
        }
        byte[] gz = IdxFiles.gzip(full);
        for (int n = 2; n < gz.length - 8; n++) {             // a cut gzip stream, past its 1f 8b signature
            Path file = dir.resolve("cut.gz");
            Files.write(file, Arrays.copyOf(gz, n));
            assertThrows(MalformedDataException.class, () -> IdxReader.readImages(file, true), "cut at " + n);
        }
    }

    @Test
    void everyBitFlipInAnIdxHeaderIsRejected() throws IOException {
        byte[] full = images();
        for (int bit = 0; bit < 16 * 8; bit++) {
            byte[] flipped = full.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            readFails(flipped, false);
        }
    }

    @Test
    void headersClaimingHugeSizesFailBeforeAllocating() throws IOException {
        byte[] header = IdxFiles.idx(0x00000803, new int[] {0x7fffffff, 28, 28}, new byte[16]);
        String msg = readFails(header, true).getMessage();
        assertTrue(msg.contains("more than the") || msg.contains("truncated"), msg);
        header = IdxFiles.idx(0x00000801, new int[] {2_000_000_000}, new byte[16]);
        Path gz = IdxFiles.write(dir, "labels", header, true);
        msg = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(gz)).getMessage();
        assertTrue(msg.contains("truncated: expected 2000000000 bytes"), msg);
    }

    @Test
    void csvBytesThatAreNotUtf8NameTheLine() throws IOException {
        Path file = dir.resolve("latin1.csv");
        byte[] good = "x,y\n1,0\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = Arrays.copyOf(good, good.length + 5);
        System.arraycopy(new byte[] {'2', ',', (byte) 0xE9, '1', '\n'}, 0, bad, good.length, 5);
        Files.write(file, bad);
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> CsvReader.labelColumn("y").readRegression(file));
        assertTrue(e.getMessage().contains("not UTF-8 text"), e.getMessage());
    }
}
