package dev.nn4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file atomically with the permissions an ordinary write gives: the bytes go to a new
 * temporary file in the target's directory (created like any new file, so the process's umask
 * decides its mode, not the owner-only mode of {@code Files.createTempFile}), are forced to disk,
 * and the temporary file is renamed over the target. A crash leaves the old file or the new one,
 * never a mix; a failed write leaves no temporary file. Used by every nn4j writer of model files
 * (model files, checkpoints, ONNX exports). Thread-safe; two writers of one target leave one of
 * the two files whole.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes the content; the stream is buffered and must not be closed. */
    @FunctionalInterface
    public interface Content {
        /** Writes the file's bytes to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code bytes} to {@code file} atomically, creating missing parent directories. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** Writes what {@code content} produces to {@code file} atomically, creating missing parent directories. */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            FileChannel ch = null;
            while (ch == null) {
                tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(
                        ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                try {
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null;   // another name
                }
            }
            try (FileChannel open = ch) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(open), 1 << 16);
                content.writeTo(out);
                out.flush();
                open.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
