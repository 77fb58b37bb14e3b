package dev.nn4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a 4-byte big-endian magic number
 * {@code 0x0000TTDD} (TT = data type, DD = number of dimensions), DD big-endian 32-bit
 * dimension sizes, then the values. Only data type {@code 0x08} (unsigned byte) is supported:
 * images files have 3 dimensions (count, rows, cols), labels files 1 (count).
 *
 * <p>Files may be raw or gzip-compressed; gzip is recognised by its {@code 1f 8b} header, not
 * by the file name. Every inconsistency throws {@link MalformedDataException} naming the file:
 * wrong magic number, unsupported type, wrong dimension count, a zero dimension, a header that
 * claims more values than a Java array holds, a file with fewer (or more) data bytes than the
 * header claims. Nothing the header claims is allocated before it is checked: raw files against
 * their size, gzip files by reading in growing chunks, so memory follows the data actually present.
 */
public final class IdxReader {
    /** IDX data-type byte for unsigned bytes, the only type supported. */
    public static final int UNSIGNED_BYTE = 0x08;

    /** Largest number of values a file may claim: the longest Java array. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private static final int GZIP_FIRST_CHUNK = 1 << 20;

    private IdxReader() {
    }

    /**
     * Reads an images file ({@code count x rows x cols} unsigned bytes).
     *
     * @param scaleToUnit divide every pixel by 255, giving values in [0, 1]; otherwise 0..255
     */
    public static IdxImages readImages(Path file, boolean scaleToUnit) throws IOException {
        Content c = read(file, 3, "pixel data");
        byte[] bytes = c.bytes;
        float[] pixels = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            int v = bytes[i] & 0xFF;
            pixels[i] = scaleToUnit ? v / 255f : v;
        }
        return new IdxImages(c.dims[0], c.dims[1], c.dims[2], pixels);
    }

    /** Reads a labels file ({@code count} unsigned bytes), one class per sample. */
    public static int[] readLabels(Path file) throws IOException {
        byte[] bytes = read(file, 1, "label data").bytes;
        int[] labels = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            labels[i] = bytes[i] & 0xFF;
        }
        return labels;
    }

    /**
     * Reads an images file and its labels file into a classification {@link Dataset}
     * (features {@code count x rows·cols}, one-hot targets of {@code classes}). The two files
     * must hold the same number of samples and every label must be below {@code classes}.
     */
    public static Dataset readDataset(Path images, Path labels, int classes, boolean scaleToUnit) throws IOException {
        int[] y = readLabels(labels);
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= classes) {
                throw new MalformedDataException(labels, "label " + i + " is " + y[i] + "; expected a class in 0.."
                        + (classes - 1));
            }
        }
        IdxImages x = readImages(images, scaleToUnit);
        if (x.count() != y.length) {
            throw new MalformedDataException(images, "holds " + x.count() + " images but " + labels + " holds "
                    + y.length + " labels; the counts must match");
        }
        return Dataset.classification(x.pixels(), x.pixelsPerImage(), y, classes);
    }

    /** The dimensions and the data bytes of one file. */
    private record Content(int[] dims, byte[] bytes) {
    }

    private static Content read(Path file, int expectedDims, String what) throws IOException {
        long fileSize = Files.size(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? openGzip(file, raw) : raw;
            String form = gzip ? "gzip-compressed " : "";
            byte[] magicBytes = readHeader(file, in, 4, "the 4-byte magic number", form);
            int magic = bigEndian(magicBytes, 0);
            int[] dims = checkMagic(file, magic, expectedDims, form);
            byte[] dimBytes = readHeader(file, in, 4 * expectedDims, expectedDims + " dimension sizes", form);
            long values = 1;
            for (int d = 0; d < expectedDims; d++) {
                long size = bigEndian(dimBytes, 4 * d) & 0xFFFFFFFFL;
                if (size == 0) {
                    throw new MalformedDataException(file, "dimension " + d + " (" + dimName(d)
                            + ") is 0; every dimension must be at least 1");
                }
                values *= size;
                if (values > MAX_VALUES) {
                    throw new MalformedDataException(file, "header claims " + describeDims(dimBytes, expectedDims)
                            + " values, more than the " + MAX_VALUES + " a Java array can hold");
                }
                dims[d] = (int) size;
            }
            long headerSize = 4L + 4L * expectedDims;
            if (!gzip && fileSize - headerSize != values) {
                throw sizeMismatch(file, what, values, String.valueOf(fileSize - headerSize), headerSize,
                        fileSize - headerSize < values);
            }
            byte[] data = readData(file, in, (int) values, gzip ? GZIP_FIRST_CHUNK : (int) values, what, headerSize);
            return new Content(dims, data);
        }
    }

    private static InputStream openGzip(Path file, InputStream raw) throws IOException {
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (EOFException | ZipException e) {
            throw new MalformedDataException(file, "starts like gzip (1f 8b) but its gzip header is corrupt or "
                    + "truncated: " + e.getMessage(), e);
        }
    }

    private static int[] checkMagic(Path file, int magic, int expectedDims, String form) throws MalformedDataException {
        int expected = (UNSIGNED_BYTE << 8) | expectedDims;
        if ((magic >>> 16) != 0) {
            throw new MalformedDataException(file, "wrong magic number in " + form + "IDX header: expected 0x"
                    + hex(expected) + ", found 0x" + hex(magic) + "; this is not an IDX file");
        }
        int type = (magic >>> 8) & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new MalformedDataException(file, "unsupported IDX data type 0x" + String.format("%02X", type)
                    + " (" + typeName(type) + ") in magic number 0x" + hex(magic)
                    + "; only 0x08 (unsigned byte) is supported");
        }
        int dims = magic & 0xFF;
        if (dims != expectedDims) {
            throw new MalformedDataException(file, "has " + dims + " dimensions (magic number 0x" + hex(magic)
                    + "), expected " + expectedDims + (expectedDims == 3 ? " for images (count, rows, cols)"
                    : " for labels (count)") + "; expected magic 0x" + hex(expected));
        }
        return new int[expectedDims];
    }

    private static byte[] readHeader(Path file, InputStream in, int n, String what, String form) throws IOException {
        byte[] b = new byte[n];
        int got = readFully(file, in, b, 0, n, what);
        if (got < n) {
            throw new MalformedDataException(file, "truncated " + form + "IDX header: expected " + n
                    + " bytes for " + what + ", found " + got);
        }
        return b;
    }

    /**
     * Reads exactly {@code n} data bytes into a buffer that starts at {@code firstChunk} bytes
     * and doubles as data arrives, then checks that nothing follows.
     */
    private static byte[] readData(Path file, InputStream in, int n, int firstChunk, String what, long headerSize)
            throws IOException {
        byte[] buf = new byte[Math.min(n, firstChunk)];
        int got = 0;
        while (got < n) {
            if (got == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int r = readFully(file, in, buf, got, buf.length - got, what);
            got += r;
            if (got < buf.length) {
                throw sizeMismatch(file, what, n, got + " (the data ends early)", headerSize, true);
            }
        }
        if (readFully(file, in, new byte[1], 0, 1, what) > 0) {
            throw sizeMismatch(file, what, n, "more", headerSize, false);
        }
        return buf;
    }

    /** Reads up to {@code len} bytes, stopping early only at the end of the stream; returns the count read. */
    private static int readFully(Path file, InputStream in, byte[] b, int off, int len, String what) throws IOException {
        int got = 0;
        try {
            while (got < len) {
                int r = in.read(b, off + got, len - got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
        } catch (EOFException e) {
            // Only GZIPInputStream throws this: the compressed stream, or its CRC-32 and length trailer, is cut short.
            throw new MalformedDataException(file, "truncated gzip stream while reading " + what + " (after "
                    + got + " of " + len + " bytes): " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new MalformedDataException(file, "corrupt gzip data while reading " + what + ": "
                    + e.getMessage(), e);
        }
        return got;
    }

    private static MalformedDataException sizeMismatch(Path file, String what, long expected, String found,
                                                       long headerSize, boolean truncated) {
        return new MalformedDataException(file, (truncated ? "truncated: " : "too long: ") + "expected " + expected
                + " bytes of " + what + " after the " + headerSize + "-byte header, found " + found);
    }

    private static int bigEndian(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static String hex(int v) {
        return String.format("%08X", v);
    }

    private static String describeDims(byte[] dimBytes, int n) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < n; d++) {
            if (d > 0) {
                sb.append(" x ");
            }
            sb.append(bigEndian(dimBytes, 4 * d) & 0xFFFFFFFFL);
        }
        return sb.toString();
    }

    private static String dimName(int d) {
        return d == 0 ? "count" : d == 1 ? "rows" : "cols";
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "16-bit integer";
            case 0x0C -> "32-bit integer";
            case 0x0D -> "32-bit float";
            case 0x0E -> "64-bit float";
            default -> "not an IDX type";
        };
    }
}
