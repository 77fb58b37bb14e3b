package dev.nn4j.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Test helper: a well-formed model-file container (magic, version, lengths, checksum) around any header and payload. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** The bytes of a file with a correct preamble and CRC-32 around {@code header} and {@code payload}. */
    public static byte[] framed(byte[] header, byte[] payload) {
        return framed(ModelFile.SEQUENTIAL_VERSION, header, payload);
    }

    /** {@link #framed(byte[], byte[])} with format version {@code version} in the preamble. */
    public static byte[] framed(int version, byte[] header, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(ModelFile.PREAMBLE + header.length + payload.length + ModelFile.TRAILER);
        b.put(ModelFile.MAGIC).putInt(version).putInt(header.length).put(header).put(payload);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        return b.array();
    }

    /** {@link #framed(byte[], byte[])} with a UTF-8 header. */
    public static byte[] framed(String header, byte[] payload) {
        return framed(header.getBytes(StandardCharsets.UTF_8), payload);
    }
}
