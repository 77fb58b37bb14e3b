package dev.nn4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte for tests, independently of the reader. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** Header {@code magic} and big-endian {@code dims}, then {@code data}. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** A well-formed images file: magic 0x00000803, count x rows x cols. */
    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return idx(0x00000803, new int[] {count, rows, cols}, pixels);
    }

    /** A well-formed labels file: magic 0x00000801. */
    static byte[] labels(byte... labels) {
        return idx(0x00000801, new int[] {labels.length}, labels);
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code raw}, gzip-compressed when {@code gzip}, to {@code dir/name}. */
    static Path write(Path dir, String name, byte[] raw, boolean gzip) throws IOException {
        return Files.write(dir.resolve(name), gzip ? gzip(raw) : raw);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
