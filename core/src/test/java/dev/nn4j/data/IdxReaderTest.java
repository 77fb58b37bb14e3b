package dev.nn4j.data;

import static dev.nn4j.data.IdxFiles.bytes;
import static dev.nn4j.data.IdxFiles.gzip;
import static dev.nn4j.data.IdxFiles.images;
import static dev.nn4j.data.IdxFiles.labels;
import static dev.nn4j.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static final byte[] PIXELS = bytes(0, 255, 128, 1, 2, 3, 10, 20, 30, 40, 50, 60);

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsImagesRawAndScaled(boolean gz) throws Exception {
        Path f = write(dir, "imgs", images(2, 2, 3, PIXELS), gz);
        IdxImages raw = IdxReader.readImages(f, false);
        assertEquals(2, raw.count());
        assertEquals(2, raw.rows());
        assertEquals(3, raw.cols());
        assertEquals(6, raw.pixelsPerImage());
        assertArrayEquals(new float[] {0, 255, 128, 1, 2, 3, 10, 20, 30, 40, 50, 60}, raw.pixels());
        float[] scaled = IdxReader.readImages(f, true).pixels();
        assertEquals(0f, scaled[0]);
        assertEquals(1f, scaled[1]);
        assertEquals(128 / 255f, scaled[2]);
        assertEquals(60 / 255f, scaled[11]);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsLabels(boolean gz) throws Exception {
        Path f = write(dir, "labels", labels(bytes(9, 0, 3, 200)), gz);
        assertArrayEquals(new int[] {9, 0, 3, 200}, IdxReader.readLabels(f));
    }

    @Test
    void detectsGzipByContentNotName() throws Exception {
        Path gzNamedRaw = Files.write(dir.resolve("images.raw"), gzip(images(1, 1, 2, bytes(7, 8))));
        Path rawNamedGz = Files.write(dir.resolve("images.gz"), images(1, 1, 2, bytes(5, 6)));
        assertArrayEquals(new float[] {7, 8}, IdxReader.readImages(gzNamedRaw, false).pixels());
        assertArrayEquals(new float[] {5, 6}, IdxReader.readImages(rawNamedGz, false).pixels());
    }

    @Test
    void readsAnImageLabelPairIntoAClassificationDataset() throws Exception {
        Path x = write(dir, "x", images(2, 2, 3, PIXELS), true);
        Path y = write(dir, "y", labels(bytes(2, 0)), false);
        Dataset d = IdxReader.readDataset(x, y, 3, false);
        assertEquals(2, d.size());
        assertEquals(6, d.featureCount());
        assertArrayEquals(new int[] {2, 0}, d.labels());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, d.targets());
        assertEquals(60f, d.features()[11]);
    }

    private MalformedDataException fails(Path f, boolean images) {
        return assertThrows(MalformedDataException.class,
                () -> {
                    if (images) {
                        IdxReader.readImages(f, true);
                    } else {
                        IdxReader.readLabels(f);
                    }
                });
    }

    private static void assertMessage(MalformedDataException e, Path f, String... parts) {
        String m = e.getMessage();
        assertTrue(m.startsWith(f.toString() + ": "), m);
        assertEquals(f, e.file());
        for (String p : parts) {
            assertTrue(m.contains(p), "expected \"" + p + "\" in: " + m);
        }
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void wrongMagicNumberShowsExpectedAndFoundInHex(boolean gz) throws Exception {
        Path f = write(dir, "bad", IdxFiles.idx(0x12345678, new int[] {1, 1, 1}, bytes(0)), gz);
        assertMessage(fails(f, true), f, "wrong magic number", "expected 0x00000803", "found 0x12345678");
    }

    @Test
    void unsupportedDataTypeIsNamed() throws Exception {
        Path f = write(dir, "floats", IdxFiles.idx(0x00000D03, new int[] {1, 1, 1}, bytes(0, 0, 0, 0)), false);
        assertMessage(fails(f, true), f, "unsupported IDX data type 0x0D", "32-bit float", "0x08");
    }

    @Test
    void dimensionCountMismatchBothWays() throws Exception {
        Path labelsFile = write(dir, "labels", labels(bytes(1, 2)), false);
        assertMessage(fails(labelsFile, true), labelsFile, "has 1 dimensions", "expected 3");
        Path imagesFile = write(dir, "images", images(1, 1, 1, bytes(1)), false);
        assertMessage(fails(imagesFile, false), imagesFile, "has 3 dimensions", "expected 1");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedPixelDataReportsExpectedAndFoundBytes(boolean gz) throws Exception {
        Path f = write(dir, "short", images(2, 2, 2, bytes(1, 2, 3, 4, 5)), gz);
        assertMessage(fails(f, true), f, "truncated", "expected 8 bytes of pixel data", "found 5");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void extraBytesAfterTheDataAreAnError(boolean gz) throws Exception {
        byte[] withTail = Arrays.copyOf(labels(bytes(1, 2, 3)), 8 + 3 + 2);
        Path f = write(dir, "long", withTail, gz);
        assertMessage(fails(f, false), f, "too long", "expected 3 bytes of label data", gz ? "found more" : "found 5");
    }

    @Test
    void truncatedCompressedStreamIsReported() throws Exception {
        byte[] compressed = gzip(images(4, 16, 16, new byte[4 * 256]));
        Path f = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(compressed, compressed.length - 12));
        MalformedDataException e = fails(f, true);
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt gzip"), e.getMessage());
    }

    @Test
    void corruptGzipHeaderIsReported() throws Exception {
        Path f = Files.write(dir.resolve("junk"), bytes(0x1f, 0x8b, 1, 2, 3));
        assertMessage(fails(f, true), f, "gzip header is corrupt or truncated");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedHeaderAndEmptyFile(boolean gz) throws Exception {
        Path empty = write(dir, "empty", new byte[0], gz);
        assertMessage(fails(empty, true), empty, "truncated", "magic number", "found 0");
        Path shortHeader = write(dir, "header", bytes(0, 0, 8, 3, 0, 0, 0, 1, 0, 0), gz);
        assertMessage(fails(shortHeader, true), shortHeader, "truncated", "expected 12 bytes for 3 dimension sizes",
                "found 6");
    }

    @Test
    void zeroDimensionIsRejected() throws Exception {
        Path f = write(dir, "zero", images(1, 0, 28, new byte[0]), false);
        assertMessage(fails(f, true), f, "dimension 1 (rows) is 0");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void headerClaiming2To31ImagesFailsWithoutAllocating(boolean gz) throws Exception {
        Path f = write(dir, "huge", images(Integer.MIN_VALUE, 28, 28, new byte[100]), gz);
        long before = allocatedBytes();
        MalformedDataException e = fails(f, true);
        long allocated = allocatedBytes() - before;
        assertMessage(e, f, "2147483648 x 28 x 28", "more than the 2147483639 a Java array can hold");
        assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void headerClaimingAGigabyteInATinyFileIsCheckedBeforeAllocating(boolean gz) throws Exception {
        int count = 1 << 20;
        Path f = write(dir, "big", images(count, 28, 28, new byte[100]), gz);
        long before = allocatedBytes();
        MalformedDataException e = fails(f, true);
        long allocated = allocatedBytes() - before;
        assertMessage(e, f, "truncated", "expected " + (784L * count) + " bytes of pixel data", "found 100");
        assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes for a file of "
                + Files.size(f) + " bytes");
    }

    @Test
    void imageAndLabelCountMismatchNamesBothFiles() throws Exception {
        Path x = write(dir, "x", images(3, 1, 1, bytes(1, 2, 3)), false);
        Path y = write(dir, "y", labels(bytes(0, 1)), true);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readDataset(x, y, 2, true));
        assertMessage(e, x, "holds 3 images but " + y + " holds 2 labels");
    }

    @Test
    void labelOutsideTheClassesIsRejected() throws Exception {
        Path x = write(dir, "x", images(2, 1, 1, bytes(1, 2)), false);
        Path y = write(dir, "y", labels(bytes(0, 10)), false);
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> IdxReader.readDataset(x, y, 10, true));
        assertMessage(e, y, "label 1 is 10", "0..9");
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
